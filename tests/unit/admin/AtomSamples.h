#pragma once

// XML samples for tst_AtomSerializer, kept out of the test file because moc cannot read
// raw string literals.
namespace busbar::samples {

extern const char* const kCapturedQueueEntry;
extern const char* const kAtomEntryStart;
extern const char* const kXmlContentStart;
extern const char* const kQueueDescriptionStart;
extern const char* const kSqlFilterStart;
extern const char* const kIntParameterValue;
extern const char* const kSqlRuleActionStart;
extern const char* const kCountDetailsStart;
extern const char* const kOutOfOrderQueueEntry;
extern const char* const kEmptyQueueEntry;
extern const char* const kCorrelationRuleWithTypedValues;
extern const char* const kNextLink;
extern const char* const kFeedEntryBase;
extern const char* const kEntryWithoutContent;
extern const char* const kNamespaceInfoStart;
extern const char* const kQueueWithRulesAndNewElement;

} // namespace busbar::samples
