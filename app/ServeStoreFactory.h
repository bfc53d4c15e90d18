#pragma once

#include "LeaseStore.h"

#include <QString>

#include <memory>

struct ServeOptions;

// The one place `serve` picks its lease store, from --store and --data-dir (see
// core/storage/LeaseStoreFactory.h). Null with `error` set when the store cannot be opened.
std::unique_ptr<vs::LeaseStore> createLeaseStore(const ServeOptions &options, QString *error);
