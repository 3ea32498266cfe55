// Requests to the hub off the window's thread: the window keeps drawing (a progress bar, the
// rest of the tool) while an export pages through 100,000 opinions. One worker runs the jobs in
// the order they were asked; each answer is handed back on the window's thread by poll().
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace lianxin::admin {

class HubJobs {
public:
    // `wake` is called on the worker when an answer is ready (it wakes the window's loop).
    explicit HubJobs(std::function<void()> wake);
    ~HubJobs();  // waits for the running job; jobs not started are dropped
    HubJobs(const HubJobs&) = delete;
    HubJobs& operator=(const HubJobs&) = delete;

    // Runs `work` on the worker, then `done(result)` on the window's thread in poll(). `label`
    // names the job while it runs ("导出意见…"), for the status bar.
    template <typename R>
    void run(std::string label, std::function<R()> work, std::function<void(R&)> done) {
        auto result = std::make_shared<std::unique_ptr<R>>();
        enqueue(std::move(label), [work = std::move(work), result] { *result = std::make_unique<R>(work()); },
                [done = std::move(done), result] { done(**result); });
    }

    bool busy() const;           // a job queued, running, or its answer not yet taken
    std::string running() const;  // the label of the job running now, or ""
    bool poll();                 // hands finished answers to their `done`; true if any

private:
    struct Job {
        std::string label;
        std::function<void()> work, done;
    };
    void enqueue(std::string label, std::function<void()> work, std::function<void()> done);
    void loop();

    std::function<void()> wake_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Job> queued_, finished_;
    std::string running_;
    bool stop_ = false;
    std::thread worker_;
};

}  // namespace lianxin::admin
