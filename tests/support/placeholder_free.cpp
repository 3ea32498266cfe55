// Keeps every test executable buildable while its folder is still being filled: an empty
// translation unit (no tests of its own).
