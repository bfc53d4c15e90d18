// The translation unit vs_pch compiles so CMake builds the precompiled header every target reuses
// (cmake/BuildSpeed.cmake).
