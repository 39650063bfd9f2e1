// The admin-client half of EntityDefinitionsJson: export reads every entity, import creates
// what is missing, one request at a time so the report is in a predictable order and the
// service is not flooded.
#include "core/admin/AdminClient.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/entities/EntityDefinitionsJson.h"

namespace busbar {

struct EntityDefinitionsJson::ExportState {
    NamespaceDefinitions definitions;
    ExportDone done;
};

struct EntityDefinitionsJson::ImportState {
    // One create call; reports its outcome through the callback.
    using Step = std::function<void(std::function<void(const VoidResult&)>)>;
    QList<std::pair<QString, Step>> steps;
    qsizetype next = 0;
    QList<ImportOutcome> outcomes;
    ImportDone done;
};

EntityDefinitionsJson::EntityDefinitionsJson(AdminClient* admin, QObject* parent)
    : QObject(parent)
    , m_admin(admin) {}

void EntityDefinitionsJson::exportAll(ExportDone done) {
    if (m_admin == nullptr) {
        done(fail(ErrorCode::Connection, tr("There is no namespace to read from.")));
        return;
    }
    auto state = std::make_shared<ExportState>();
    state->done = std::move(done);
    whenFinished(m_admin->listQueues(), this, [this, state](const auto& queues) {
        if (!queues) {
            state->done(fail(queues.error()));
            return;
        }
        for (const auto& item : *queues) {
            state->definitions.queues.append(item.description);
            if (state->definitions.queues.last().name.isEmpty()) {
                state->definitions.queues.last().name = item.title;
            }
        }
        whenFinished(m_admin->listTopics(), this, [this, state](const auto& topics) {
            if (!topics) {
                state->done(fail(topics.error()));
                return;
            }
            for (const auto& item : *topics) {
                state->definitions.topics.append(item.description);
                if (state->definitions.topics.last().name.isEmpty()) {
                    state->definitions.topics.last().name = item.title;
                }
            }
            exportSubscriptions(state, 0);
        });
    });
}

void EntityDefinitionsJson::exportSubscriptions(const std::shared_ptr<ExportState>& state,
                                                qsizetype topicIndex) {
    if (topicIndex >= state->definitions.topics.size()) {
        exportRules(state, 0);
        return;
    }
    const QString topic = state->definitions.topics.at(topicIndex).name;
    whenFinished(m_admin->listSubscriptions(topic), this,
                 [this, state, topic, topicIndex](const auto& subscriptions) {
                     if (!subscriptions) {
                         state->done(fail(subscriptions.error()));
                         return;
                     }
                     for (const auto& item : *subscriptions) {
                         SubscriptionDescription s = item.description;
                         s.topicName = topic;
                         if (s.name.isEmpty()) {
                             s.name = item.title;
                         }
                         state->definitions.subscriptions.append(s);
                     }
                     exportSubscriptions(state, topicIndex + 1);
                 });
}

void EntityDefinitionsJson::exportRules(const std::shared_ptr<ExportState>& state,
                                        qsizetype subscriptionIndex) {
    if (subscriptionIndex >= state->definitions.subscriptions.size()) {
        state->done(state->definitions);
        return;
    }
    const SubscriptionDescription& s = state->definitions.subscriptions.at(subscriptionIndex);
    const QString topic = s.topicName;
    const QString subscription = s.name;
    whenFinished(m_admin->listRules(topic, subscription), this,
                 [this, state, topic, subscription, subscriptionIndex](const auto& rules) {
                     if (!rules) {
                         state->done(fail(rules.error()));
                         return;
                     }
                     for (const auto& item : *rules) {
                         RuleDescription rule = item.description;
                         if (rule.name.isEmpty()) {
                             rule.name = item.title;
                         }
                         state->definitions.rules.append({topic, subscription, rule});
                     }
                     exportRules(state, subscriptionIndex + 1);
                 });
}

namespace {

// Adapts a create call's future to the step callback (the item itself is not needed).
template <typename T>
void report(const QFuture<Result<T>>& future, QObject* context,
            std::function<void(const VoidResult&)> next) {
    whenFinished(future, context, [next = std::move(next)](const Result<T>& result) {
        next(result ? VoidResult{} : VoidResult(fail(result.error())));
    });
}

} // namespace

void EntityDefinitionsJson::importAll(const NamespaceDefinitions& definitions, ImportDone done) {
    auto state = std::make_shared<ImportState>();
    state->done = std::move(done);
    AdminClient* admin = m_admin;
    if (admin == nullptr) {
        state->done({{tr("the namespace"), ImportOutcome::Kind::Failed,
                      tr("There is no namespace to create entities in.")}});
        return;
    }
    for (const QueueDescription& q : definitions.queues) {
        state->steps.append({tr("queue '%1'").arg(q.name), [this, admin, q](auto next) {
                                 report(admin->createQueue(q), this, std::move(next));
                             }});
    }
    for (const TopicDescription& t : definitions.topics) {
        state->steps.append({tr("topic '%1'").arg(t.name), [this, admin, t](auto next) {
                                 report(admin->createTopic(t), this, std::move(next));
                             }});
    }
    // A subscription is created with its first rule ($Default when it had one) in place of
    // the 1=1 rule the service would add, so the import reproduces its rules exactly.
    QList<const NamespaceDefinitions::Rule*> firstRules;
    for (const SubscriptionDescription& s : definitions.subscriptions) {
        const NamespaceDefinitions::Rule* first = nullptr;
        for (const NamespaceDefinitions::Rule& r : definitions.rules) {
            if (r.topic != s.topicName || r.subscription != s.name) {
                continue;
            }
            if (first == nullptr || r.rule.name == QLatin1String("$Default")) {
                first = &r;
            }
        }
        firstRules.append(first);
        std::optional<RuleDescription> defaultRule;
        QString entity = tr("subscription '%1' of %2").arg(s.name, s.topicName);
        if (first != nullptr) {
            defaultRule = first->rule;
            entity += tr(" (with rule '%1')").arg(first->rule.name);
        }
        state->steps.append({entity, [this, admin, s, defaultRule](auto next) {
                                 report(admin->createSubscription(s, defaultRule), this,
                                        std::move(next));
                             }});
    }
    for (const NamespaceDefinitions::Rule& r : definitions.rules) {
        if (firstRules.contains(&r)) {
            continue;
        }
        state->steps.append({tr("rule '%1' of %2/%3").arg(r.rule.name, r.topic, r.subscription),
                             [this, admin, r](auto next) {
                                 report(admin->createRule(r.topic, r.subscription, r.rule), this,
                                        std::move(next));
                             }});
    }
    importNext(state);
}

QString EntityDefinitionsJson::summary(const QList<ImportOutcome>& outcomes) {
    int created = 0;
    int existed = 0;
    QStringList failures;
    for (const ImportOutcome& outcome : outcomes) {
        switch (outcome.kind) {
        case ImportOutcome::Kind::Created:
            ++created;
            break;
        case ImportOutcome::Kind::AlreadyExists:
            ++existed;
            break;
        case ImportOutcome::Kind::Failed:
            failures.append(tr("%1: %2").arg(outcome.entity, outcome.message));
            break;
        }
    }
    QString text = tr("%1 created, %2 already existed, %3 failed")
                       .arg(created)
                       .arg(existed)
                       .arg(failures.size());
    for (const QString& failure : failures) {
        text += QStringLiteral("\n") + failure;
    }
    return text;
}

void EntityDefinitionsJson::importNext(const std::shared_ptr<ImportState>& state) {
    if (state->next >= state->steps.size()) {
        state->done(state->outcomes);
        return;
    }
    const auto& [entity, step] = state->steps.at(state->next++);
    step([this, state, entity](const VoidResult& result) {
        ImportOutcome outcome;
        outcome.entity = entity;
        if (result) {
            outcome.kind = ImportOutcome::Kind::Created;
        } else if (result.error().code == ErrorCode::EntityAlreadyExists) {
            outcome.kind = ImportOutcome::Kind::AlreadyExists;
        } else {
            outcome.kind = ImportOutcome::Kind::Failed;
            outcome.message = result.error().message;
        }
        state->outcomes.append(outcome);
        importNext(state);
    });
}

} // namespace busbar
