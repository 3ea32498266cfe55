// Requests to the hub off the window's thread (see hub_jobs.h).
#include "admin-tool/gui/hub_jobs.h"

namespace lianxin::admin {

HubJobs::HubJobs(std::function<void()> wake) : wake_(std::move(wake)), worker_([this] { loop(); }) {}

HubJobs::~HubJobs() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        queued_.clear();
    }
    cv_.notify_all();
    worker_.join();
}

void HubJobs::enqueue(std::string label, std::function<void()> work, std::function<void()> done) {
    {
        std::lock_guard lock(mutex_);
        queued_.push_back({std::move(label), std::move(work), std::move(done)});
    }
    cv_.notify_all();
}

void HubJobs::loop() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [this] { return stop_ || !queued_.empty(); });
            if (stop_) return;
            job = std::move(queued_.front());
            queued_.pop_front();
            running_ = job.label;
        }
        job.work();
        {
            std::lock_guard lock(mutex_);
            running_.clear();
            finished_.push_back(std::move(job));
        }
        if (wake_) wake_();
    }
}

bool HubJobs::busy() const {
    std::lock_guard lock(mutex_);
    return !queued_.empty() || !running_.empty() || !finished_.empty();
}

std::string HubJobs::running() const {
    std::lock_guard lock(mutex_);
    return running_.empty() && !queued_.empty() ? queued_.front().label : running_;
}

bool HubJobs::poll() {
    std::deque<Job> done;
    {
        std::lock_guard lock(mutex_);
        done.swap(finished_);
    }
    for (auto& job : done) job.done();
    return !done.empty();
}

}  // namespace lianxin::admin
