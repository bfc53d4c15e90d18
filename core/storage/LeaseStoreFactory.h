#pragma once

#include "LeaseStore.h"
#include "PolicySource.h"

#include <QString>

#include <memory>

namespace vs {

// What --store asked for: memory | sqlite[:PATH] | redis://[:PASSWORD@]HOST[:PORT][/DB]
// (Redis takes ?timeout_ms=N for its connect and command timeouts).
struct LeaseStoreCreation
{
    std::unique_ptr<LeaseStore> store;
    // e.g. "sqlite:/home/u/.local/share/VideoStreams/videostreams/leases.db"; never a password
    QString description;
    QString error; // why no store was made; names the spec or the file
    // With `error`: the spec itself is malformed (a usage error, which `serve` answers with exit
    // code 2), rather than a well-formed spec whose store could not be opened (exit code 1).
    bool specInvalid = false;
    // Set for stores shared by instances (Redis): the policy lives beside the leases, so attach
    // it to the limiter and publish policy changes through it. Null: the policy is per process.
    std::unique_ptr<PolicySource> policySource;
};

// The store spec syntax, for --help texts.
QString leaseStoreSpecSyntax();

// Makes the store `spec` names. The default SQLite file is leases.db in `dataDir`, or in
// QStandardPaths::AppDataLocation when `dataDir` is empty. A Redis store is made even when the
// server is down: it fails closed and connects by itself once Redis is back.
LeaseStoreCreation createLeaseStore(const QString &spec, const QString &dataDir);

} // namespace vs
