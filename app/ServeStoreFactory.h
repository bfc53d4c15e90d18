#pragma once

#include "LeaseStore.h"

#include <memory>

struct ServeOptions;

// The one place `serve` picks its lease store. Only the in-memory store exists today; a
// `--store` option (SQLite, Redis) plugs in here.
std::unique_ptr<vs::LeaseStore> createLeaseStore(const ServeOptions &options);
