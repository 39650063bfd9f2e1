#include "tests/unit/admin/AtomSamples.h"

namespace busbar::samples {

// A response as the service writes it (servicebus-management.md §2.2, §3.1, §3.5).
const char* const kCapturedQueueEntry = R"(<entry xmlns="http://www.w3.org/2005/Atom">
  <id>https://contoso.servicebus.windows.net/orders?api-version=2021-05</id>
  <title type="text">orders</title>
  <published>2022-02-03T19:34:05Z</published>
  <updated>2022-04-12T01:28:26Z</updated>
  <author><name>contoso</name></author>
  <link rel="self" href="https://contoso.servicebus.windows.net/orders?api-version=2021-05"/>
  <content type="application/xml">
    <QueueDescription xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
      <LockDuration>PT30S</LockDuration>
      <MaxSizeInMegabytes>2048</MaxSizeInMegabytes>
      <RequiresDuplicateDetection>false</RequiresDuplicateDetection>
      <RequiresSession>true</RequiresSession>
      <DefaultMessageTimeToLive>P10675199DT2H48M5.4775807S</DefaultMessageTimeToLive>
      <DeadLetteringOnMessageExpiration>true</DeadLetteringOnMessageExpiration>
      <DuplicateDetectionHistoryTimeWindow>PT10M</DuplicateDetectionHistoryTimeWindow>
      <MaxDeliveryCount>7</MaxDeliveryCount>
      <EnableBatchedOperations>true</EnableBatchedOperations>
      <SizeInBytes>1234</SizeInBytes>
      <MessageCount>5</MessageCount>
      <IsAnonymousAccessible>false</IsAnonymousAccessible>
      <AuthorizationRules/>
      <Status>SendDisabled</Status>
      <CreatedAt>2022-02-03T19:34:05.4983039Z</CreatedAt>
      <UpdatedAt>2022-04-12T01:28:26.02Z</UpdatedAt>
      <AccessedAt>0001-01-01T00:00:00Z</AccessedAt>
      <SupportOrdering>true</SupportOrdering>
      <CountDetails xmlns:d2p1="http://schemas.microsoft.com/netservices/2011/06/servicebus">
        <d2p1:ActiveMessageCount>3</d2p1:ActiveMessageCount>
        <d2p1:DeadLetterMessageCount>1</d2p1:DeadLetterMessageCount>
        <d2p1:ScheduledMessageCount>1</d2p1:ScheduledMessageCount>
        <d2p1:TransferMessageCount>0</d2p1:TransferMessageCount>
        <d2p1:TransferDeadLetterMessageCount>0</d2p1:TransferDeadLetterMessageCount>
      </CountDetails>
      <AutoDeleteOnIdle>P10675199DT2H48M5.4775807S</AutoDeleteOnIdle>
      <EnablePartitioning>false</EnablePartitioning>
      <EntityAvailabilityStatus>Available</EntityAvailabilityStatus>
      <EnableExpress>false</EnableExpress>
      <MaxMessageSizeInKilobytes>256</MaxMessageSizeInKilobytes>
      <SomethingNewer>ignored</SomethingNewer>
    </QueueDescription>
  </content>
</entry>)";

const char* const kAtomEntryStart = R"(<entry xmlns="http://www.w3.org/2005/Atom">)";

const char* const kXmlContentStart = R"(<content type="application/xml">)";

const char* const kQueueDescriptionStart =
    R"(<QueueDescription xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">)";

const char* const kSqlFilterStart = R"(<Filter i:type="SqlFilter">)";

const char* const kIntParameterValue =
    R"(<Value xmlns:d6p1="http://www.w3.org/2001/XMLSchema" i:type="d6p1:int">3</Value>)";

const char* const kSqlRuleActionStart = R"(<Action i:type="SqlRuleAction">)";

const char* const kCountDetailsStart =
    R"(<CountDetails xmlns:d2p1="http://schemas.microsoft.com/netservices/2011/06/servicebus"><d2p1:ActiveMessageCount>3</d2p1:ActiveMessageCount><d2p1:DeadLetterMessageCount>2</d2p1:DeadLetterMessageCount>)";

const char* const kOutOfOrderQueueEntry =
    R"(<entry xmlns="http://www.w3.org/2005/Atom"><content type="application/xml">
        <QueueDescription xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect">
          <MaxDeliveryCount>4</MaxDeliveryCount>
          <EntityAvailabilityStatus>Available</EntityAvailabilityStatus>
          <LockDuration>PT45S</LockDuration>
          <ForwardTo>elsewhere</ForwardTo>
          <RequiresSession>True</RequiresSession>
        </QueueDescription></content></entry>)";

const char* const kEmptyQueueEntry =
    R"(<entry xmlns="http://www.w3.org/2005/Atom"><content type="application/xml">
        <QueueDescription xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect"/>
        </content></entry>)";

const char* const kCorrelationRuleWithTypedValues =
    R"(<RuleDescription xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
      <Filter i:type="CorrelationFilter"><To>store1</To><Properties>
        <KeyValueOfstringanyType><Key>region</Key><Value i:type="l28:string" xmlns:l28="http://www.w3.org/2001/XMLSchema">EU</Value></KeyValueOfstringanyType>
        <KeyValueOfstringanyType><Key>qty</Key><Value i:type="p5:double" xmlns:p5="http://www.w3.org/2001/XMLSchema">5</Value></KeyValueOfstringanyType>
        <KeyValueOfstringanyType><Key>ok</Key><Value i:type="p5:boolean" xmlns:p5="http://www.w3.org/2001/XMLSchema">true</Value></KeyValueOfstringanyType>
        <KeyValueOfstringanyType><Key>odd</Key><Value i:type="p5:mystery" xmlns:p5="urn:x">kept</Value></KeyValueOfstringanyType>
      </Properties></Filter><Name>corr</Name></RuleDescription>)";

const char* const kNextLink =
    R"(<link rel="next" href="https://ns/$Resources/queues?%24skip=2&amp;%24top=2"/>)";

const char* const kFeedEntryBase = R"(xml:base="https://ns/$Resources/queues")";

const char* const kEntryWithoutContent =
    R"(<entry xmlns="http://www.w3.org/2005/Atom"><title>x</title></entry>)";

const char* const kNamespaceInfoStart =
    R"(<NamespaceInfo xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect")";

// A queue with an entity-level SAS rule and an element from a future api-version.
const char* const kQueueWithRulesAndNewElement =
    R"(<entry xmlns="http://www.w3.org/2005/Atom"><title type="text">secured</title><content type="application/xml">
<QueueDescription xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
  <LockDuration>PT1M</LockDuration>
  <AuthorizationRules>
    <AuthorizationRule i:type="SharedAccessAuthorizationRule">
      <ClaimType>SharedAccessKey</ClaimType><ClaimValue>None</ClaimValue>
      <Rights><AccessRights>Listen</AccessRights></Rights>
      <KeyName>app-listener</KeyName><PrimaryKey>pk</PrimaryKey><SecondaryKey>sk</SecondaryKey>
    </AuthorizationRule>
  </AuthorizationRules>
  <Status>Active</Status>
  <CountDetails xmlns:d2p1="http://schemas.microsoft.com/netservices/2011/06/servicebus"><d2p1:ActiveMessageCount>1</d2p1:ActiveMessageCount></CountDetails>
  <FutureSetting>42</FutureSetting>
  <EntityAvailabilityStatus>Available</EntityAvailabilityStatus>
</QueueDescription></content></entry>)";

} // namespace busbar::samples
