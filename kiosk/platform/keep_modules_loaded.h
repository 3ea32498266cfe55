// Sanitizer builds: keeps every shared library loaded so far mapped until the process ends.
#pragma once

namespace lianxin::kiosk {

// LeakSanitizer looks for leaks at exit, after SDL and Mesa have dlclose'd the GL driver
// (swrast_dri, libGLX_mesa, libGL) and libdbus. What those libraries hold for their lifetime is
// then unreachable and reported as a leak, from frames in unmapped code that have no name, so no
// suppression can match them. One more reference to each loaded library keeps it mapped: its
// memory stays reachable (not a leak), while a leak of ours is still reported with its stack.
// Does nothing in a build without AddressSanitizer.
void keep_loaded_modules_mapped();

}  // namespace lianxin::kiosk
