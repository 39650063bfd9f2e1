#pragma once

// Internal to AtomAdminClient's .cpp files: request helpers and the member templates shared
// by the plumbing and the entity operations. Not part of the core's API.

#include "core/admin/AtomAdminClient.h"
#include "core/admin/EntityValidator.h"

#include <QPromise>

#include <memory>

namespace busbar::admin_detail {

inline constexpr int kMaxPages = 10'000; // a server that ignores $skip must not page forever

template <typename T>
inline QFuture<Result<T>> failed(Error error) {
    return QtFuture::makeReadyFuture<Result<T>>(fail(std::move(error)));
}

inline QString subscriptionPath(const QString& topic, const QString& name) {
    return topic + QStringLiteral("/Subscriptions/") + name;
}

inline QString rulePath(const QString& topic, const QString& subscription, const QString& name) {
    return subscriptionPath(topic, subscription) + QStringLiteral("/Rules/") + name;
}

inline QString quoted(const QString& what, const QString& name) {
    return QStringLiteral("the %1 '%2'").arg(what, name);
}

// Empty when every name is usable; else the first problem, before any request is made (an
// empty name would otherwise address the parent or the namespace itself).
inline std::optional<Error> badNames(const QString& path, const QStringList& children = {}) {
    QString problem = EntityValidator::checkEntityPath(path);
    for (qsizetype i = 0; problem.isEmpty() && i < children.size(); ++i) {
        problem = EntityValidator::checkChildName(
            children[i], i == 0 ? QStringLiteral("subscription") : QStringLiteral("rule"));
    }
    if (problem.isEmpty()) {
        return std::nullopt;
    }
    return Error::invalidInput(problem);
}

inline QStringList forwardTargets(const QString& forwardTo, const QString& forwardDeadLettered) {
    QStringList targets;
    for (const QString& target : {forwardTo, forwardDeadLettered}) {
        targets.append(target);
    }
    return targets;
}

// A create answers 201 with the stored entity; should a service send no usable body, what
// was sent is the best description there is.
template <typename Description>
inline Result<AtomItem<Description>> parsedOr(Result<AtomItem<Description>> parsed,
                                              const Description& sent, const QString& name) {
    if (parsed) {
        return parsed;
    }
    AtomItem<Description> item;
    item.title = name;
    item.description = sent;
    return item;
}

} // namespace busbar::admin_detail

namespace busbar {

template <typename T>
QFuture<Result<T>> AtomAdminClient::call(Request request,
                                         std::function<Result<T>(const HttpReply&)> parse) {
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    QFuture<Result<T>> future = promise->future();
    send(std::move(request), [promise, parse = std::move(parse)](Result<HttpReply> reply) {
        promise->addResult(reply ? parse(*reply) : Result<T>(fail(reply.error())));
        promise->finish();
    });
    return future;
}

template <typename Description>
QFuture<Result<QList<AtomItem<Description>>>>
AtomAdminClient::listAll(const QString& path, const QString& subject,
                         std::function<Result<AtomPage<Description>>(const QByteArray&)> parse,
                         std::function<void(AtomItem<Description>&)> complete) {
    struct State {
        QPromise<Result<QList<AtomItem<Description>>>> promise;
        QList<AtomItem<Description>> items;
        int pages = 0;
        std::function<void()> fetchNext;
    };
    auto state = std::make_shared<State>();
    state->promise.start();
    QFuture<Result<QList<AtomItem<Description>>>> future = state->promise.future();
    const int top = m_options.pageSize;

    // Fetches the page at items.size(); a page shorter than $top is the last (.NET's rule;
    // the service's rel="next" link is not relied on). The pending reply handler owns the
    // state; the fetcher only refers to it, so nothing is kept alive in a cycle.
    state->fetchNext = [this, weak = std::weak_ptr<State>(state), path, subject, parse, complete,
                        top] {
        const std::shared_ptr<State> owned = weak.lock();
        if (!owned) {
            return;
        }
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("$skip"), QString::number(owned->items.size()));
        query.addQueryItem(QStringLiteral("$top"), QString::number(top));
        send(Request{"GET", path, query, {}, false, {}, subject}, [state = owned, parse, complete,
                                                                   top](Result<HttpReply> reply) {
            Result<AtomPage<Description>> page =
                reply ? parse(reply->body) : Result<AtomPage<Description>>(fail(reply.error()));
            if (!page) {
                state->promise.addResult(fail(page.error()));
                state->promise.finish();
                return;
            }
            const qsizetype received = page->items.size();
            for (auto& item : page->items) {
                complete(item);
                state->items.append(std::move(item));
            }
            if (received < top || ++state->pages >= admin_detail::kMaxPages) {
                state->promise.addResult(std::move(state->items));
                state->promise.finish();
                return;
            }
            state->fetchNext();
        });
    };
    state->fetchNext();
    return future;
}

} // namespace busbar
