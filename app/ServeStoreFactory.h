#pragma once

#include "LeaseStore.h"
#include "PolicySource.h"

#include <QString>

#include <memory>

struct ServeOptions;

// The one place `serve` picks its lease store, from --store and --data-dir (see
// core/storage/LeaseStoreFactory.h). Null with `error` set when the store cannot be made, and
// `specInvalid` set when that is because --store is malformed (a usage error) rather than
// because the store failed to open. `policySource` receives the store's shared policy source
// (Redis), or null.
std::unique_ptr<vs::LeaseStore> createLeaseStore(const ServeOptions &options, QString *error,
                                                 bool *specInvalid,
                                                 std::unique_ptr<vs::PolicySource> *policySource);
