#include "ServeStoreFactory.h"

#include "MemoryLeaseStore.h"
#include "ServeOptions.h"

std::unique_ptr<vs::LeaseStore> createLeaseStore(const ServeOptions &)
{
    return std::make_unique<vs::MemoryLeaseStore>();
}
