// Typed results for domain functions: a value or an Error with a code the UI can translate.
// A small std::expected stand-in (GCC 12 in C++20 mode has no <expected>).
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace lianxin {

// Every failure a core service can report. The UI maps each code to a localized message;
// `Error::detail` carries the specifics (file, field, value) for logs and admin tools.
enum class ErrorCode {
    io,              // file missing, unreadable or unwritable
    not_a_bundle,    // the file is not a Lianxin content bundle
    bad_schema,      // a bundle of another schema version, or its tables are wrong
    bad_signature,   // signature missing, malformed or not by a trusted key
    corrupt,         // data that fails an integrity check
    invalid_input,   // input that breaks a stated rule (the detail says which)
    invalid_image,   // bytes that are not a supported image
    too_large,       // over a stated size limit
    not_found,       // a referenced thing does not exist
    database,        // SQLite reported an error
    storage_full,    // the disk (or the database's size limit) is full: nothing was written
    cancelled,       // work stopped on request before it finished: nothing came of it
};

const char* error_code_name(ErrorCode code);

struct Error {
    ErrorCode code;
    std::string detail;
};

// E is Error for most services; a service whose failures the UI must tell apart finely (e.g.
// OpinionOutbox::submit) names its own error type.
template <class T, class E = Error>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(E error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() { assert(ok()); return std::get<0>(v_); }
    const T& value() const { assert(ok()); return std::get<0>(v_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const E& error() const { assert(!ok()); return std::get<1>(v_); }

private:
    std::variant<T, E> v_;
};

// For operations that return nothing on success.
struct Done {};
using Status = Result<Done>;
inline Status ok_status() { return Done{}; }

}  // namespace lianxin
