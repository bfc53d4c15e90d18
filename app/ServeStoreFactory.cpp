#include "ServeStoreFactory.h"

#include "HttpLog.h"
#include "LeaseStoreFactory.h"
#include "ServeOptions.h"

std::unique_ptr<vs::LeaseStore> createLeaseStore(const ServeOptions &options, QString *error,
                                                 bool *specInvalid,
                                                 std::unique_ptr<vs::PolicySource> *policySource)
{
    vs::LeaseStoreCreation creation = vs::createLeaseStore(options.store, options.dataDir);
    if (!creation.store) {
        *error = creation.error;
        *specInvalid = creation.specInvalid;
        return nullptr;
    }
    qCInfo(vs::lcHttp).noquote() << "lease store:" << creation.description;
    *policySource = std::move(creation.policySource);
    return std::move(creation.store);
}
