// Pins loaded libraries in sanitizer builds (see keep_modules_loaded.h).
#include "kiosk/platform/keep_modules_loaded.h"

#include <dlfcn.h>
#include <link.h>

#include <cstddef>

namespace lianxin::kiosk {

void keep_loaded_modules_mapped() {
#if defined(__SANITIZE_ADDRESS__)
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void*) -> int {
            // RTLD_NOLOAD: only libraries already loaded; the handle is never closed.
            if (info->dlpi_name && *info->dlpi_name) dlopen(info->dlpi_name, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
            return 0;
        },
        nullptr);
#endif
}

}  // namespace lianxin::kiosk
