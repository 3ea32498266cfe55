// Names of error codes, for logs and admin-tool output.
#include "core/base/result.h"

namespace lianxin {

const char* error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::io: return "io";
        case ErrorCode::not_a_bundle: return "not_a_bundle";
        case ErrorCode::bad_schema: return "bad_schema";
        case ErrorCode::bad_signature: return "bad_signature";
        case ErrorCode::corrupt: return "corrupt";
        case ErrorCode::invalid_input: return "invalid_input";
        case ErrorCode::invalid_image: return "invalid_image";
        case ErrorCode::too_large: return "too_large";
        case ErrorCode::not_found: return "not_found";
        case ErrorCode::database: return "database";
        case ErrorCode::storage_full: return "storage_full";
        case ErrorCode::cancelled: return "cancelled";
    }
    return "unknown";
}

}  // namespace lianxin
