#include "InternTable.h"

#include <memory>

namespace vs {

static_assert(sizeof(std::size_t) == 8, "shards are picked from the top bits of a 64-bit hash");

InternTable::Ref InternTable::intern(std::string_view ascii, std::size_t hash)
{
    // The shard from high bits: the table inside it places ids by the low ones.
    Shard &shard = m_shards[(hash >> 52) % shardCount];
    std::lock_guard lock(shard.mutex);
    const std::size_t cell = shard.entries.find(ascii, hash);
    if (cell != RecordTable<Entry>::npos) {
        Entry *entry = shard.entries.recordAt(cell);
        ++entry->uses;
        return Ref(entry);
    }
    auto entry = std::make_unique<Entry>();
    entry->shard = &shard;
    entry->hash = hash;
    entry->uses = 1;
    entry->bytes.assign(ascii);
    entry->text = QString::fromLatin1(QByteArrayView(ascii.data(), qsizetype(ascii.size())));
    shard.entries.insert(entry.get(), hash);
    return Ref(entry.release());
}

InternTable::~InternTable()
{
    Q_ASSERT_X(size() == 0, "~InternTable", "a Ref outlives its table");
}

void InternTable::release(Entry *entry)
{
    Shard &shard = *entry->shard;
    std::lock_guard lock(shard.mutex);
    if (--entry->uses > 0)
        return;
    const std::size_t cell = shard.entries.find(entry->key(), entry->hash);
    Q_ASSERT(cell != RecordTable<Entry>::npos && shard.entries.recordAt(cell) == entry);
    shard.entries.eraseAt(cell);
    delete entry; // results that copied its text keep their own reference to it
}

std::size_t InternTable::size() const
{
    std::size_t ids = 0;
    for (const Shard &shard : m_shards) {
        std::lock_guard lock(shard.mutex);
        ids += shard.entries.size();
    }
    return ids;
}

} // namespace vs
