#include "ServeStoreFactory.h"

#include "HttpLog.h"
#include "LeaseStoreFactory.h"
#include "ServeOptions.h"

std::unique_ptr<vs::LeaseStore> createLeaseStore(const ServeOptions &options, QString *error)
{
    vs::LeaseStoreCreation creation = vs::createLeaseStore(options.store, options.dataDir);
    if (!creation.store) {
        *error = creation.error;
        return nullptr;
    }
    qCInfo(vs::lcHttp).noquote() << "lease store:" << creation.description;
    return std::move(creation.store);
}
