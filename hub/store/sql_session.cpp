// Result rows and the connection pool shared by both drivers of the hub store (sql_session.h).
#include "hub/store/sql_session.h"

#include <cstdlib>

namespace lianxin::hub {

const std::string& SqlRow::text(std::size_t i) const {
    static const std::string empty;
    const auto& c = cells.at(i);
    return c ? *c : empty;
}

std::int64_t SqlRow::integer(std::size_t i) const {
    const auto& c = cells.at(i);
    return c ? std::strtoll(c->c_str(), nullptr, 10) : 0;
}

std::optional<std::int64_t> SqlRow::maybe_integer(std::size_t i) const {
    if (is_null(i)) return std::nullopt;
    return integer(i);
}

SessionPool::Lease SessionPool::acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || leased_ < max_; });
    if (!idle_.empty()) {
        auto s = std::move(idle_.back());
        idle_.pop_back();
        ++leased_;
        return Lease(*this, std::move(s));
    }
    ++leased_;  // reserve the slot, then connect without holding the lock
    lock.unlock();
    try {
        return Lease(*this, factory_());
    } catch (...) {
        std::lock_guard relock(mu_);
        --leased_;
        cv_.notify_one();
        throw;
    }
}

void SessionPool::give_back(std::unique_ptr<SqlSession> s) {
    std::lock_guard lock(mu_);
    --leased_;
    if (s && !s->broken()) idle_.push_back(std::move(s));
    cv_.notify_one();
}

}  // namespace lianxin::hub
