#include <QTest>

#include "RecordTable.h"

#include <cstdlib>
#include <map>
#include <memory>
#include <new>
#include <random>
#include <set>
#include <string>

using namespace vs;

namespace {

// Set while a test wants every allocation of this thread to fail, as when memory runs out.
thread_local bool refuseAllocations = false;

} // namespace

// This test program's allocation functions: those of the standard library, plus the refusal.
void *operator new(std::size_t size)
{
    if (refuseAllocations)
        throw std::bad_alloc();
    if (void *memory = std::malloc(size == 0 ? 1 : size))
        return memory;
    throw std::bad_alloc();
}
void operator delete(void *memory) noexcept
{
    std::free(memory);
}
void operator delete(void *memory, std::size_t) noexcept
{
    std::free(memory);
}

namespace {

// Hashes that force long probe runs, clustering and wrap-around at the end of the cell array.
struct ConstantHash
{
    std::size_t operator()(std::string_view) const { return 7; }
};
struct LastCharHash
{
    std::size_t operator()(std::string_view key) const { return std::size_t(key.back()); }
};
struct GoodHash
{
    std::size_t operator()(std::string_view key) const
    {
        return std::hash<std::string_view>{}(key);
    }
};

struct Record
{
    std::string text;
    int value = 0;
    std::string_view key() const { return text; }
};

// The records the table points at, owned here as the store owns its users.
using Owned = std::map<std::string, std::unique_ptr<Record>>;

// Applies the same random inserts, moves and erases to the table and to a std::map, checking
// they agree after every step, and that a walk over the cells sees every record exactly once.
template<typename Hash>
void compareWithStdMap(quint32 seed, int keySpace, int steps, const std::string &prefix)
{
    RecordTable<Record> table;
    Owned owned;
    std::mt19937 random(seed);
    for (int step = 0; step < steps; ++step) {
        const std::string key = prefix + std::to_string(random() % quint32(keySpace));
        const std::size_t hash = Hash{}(key);
        // The cache hints read the table too: they must never fault, and a present key always
        // has a guess (its own record unless another key shares the whole hash).
        table.prefetchCell(hash);
        const Record *guess = table.guess(hash);
        if (owned.count(key) == 1) {
            QVERIFY(guess);
            if (std::is_same_v<Hash, GoodHash>)
                QCOMPARE(guess, owned[key].get());
        }
        const std::size_t cell = table.find(key, hash);
        QCOMPARE(cell != table.npos, owned.count(key) == 1);
        switch (random() % 3) {
        case 0: // insert or update
            if (cell == table.npos) {
                auto record = std::make_unique<Record>(Record{key, step});
                QCOMPARE(table.recordAt(table.insert(record.get(), hash)), record.get());
                owned[key] = std::move(record);
            } else {
                table.recordAt(cell)->value = step;
            }
            break;
        case 1: // the same key moves to a new record, as a user moves to a bigger block
            if (cell != table.npos) {
                auto moved = std::make_unique<Record>(Record{key, step});
                table.replaceAt(cell, moved.get());
                owned[key] = std::move(moved);
            }
            break;
        default: // erase
            if (cell != table.npos) {
                QCOMPARE(table.eraseAt(cell), owned[key].get());
                owned.erase(key);
            }
            break;
        }
        QCOMPARE(table.size(), owned.size());
    }
    for (const auto &[key, record] : owned) {
        const std::size_t cell = table.find(key, Hash{}(key));
        QVERIFY(cell != table.npos);
        QCOMPARE(table.recordAt(cell), record.get());
    }
    std::set<const Record *> seen;
    for (std::size_t cell = 0; cell < table.cellCount(); ++cell) {
        if (const Record *record = table.recordAt(cell)) {
            QVERIFY(seen.insert(record).second);
            QCOMPARE(owned.at(record->text).get(), record);
        }
    }
    QCOMPARE(seen.size(), owned.size());

    // A walk that erases every other record, looking at a cell again after an erase (as the
    // store's sweep does): every record is seen, none is lost, the kept ones stay findable.
    std::set<std::string> walked;
    std::set<std::string> erased;
    for (std::size_t cell = 0; cell < table.cellCount();) {
        Record *record = table.recordAt(cell);
        if (!record) {
            ++cell;
            continue;
        }
        walked.insert(record->text);
        if (record->value % 2 == 0 && erased.insert(record->text).second) {
            table.eraseAt(cell);
            continue;
        }
        ++cell;
    }
    QCOMPARE(walked.size(), owned.size());
    for (const auto &[key, record] : owned) {
        const bool gone = erased.count(key) == 1;
        QCOMPARE(table.find(key, Hash{}(key)) == table.npos, gone);
    }
    QCOMPARE(table.size(), owned.size() - erased.size());
}

} // namespace

class tst_RecordTable : public QObject
{
    Q_OBJECT

private slots:
    void matchesStdMap_data();
    void matchesStdMap();
    void emptyTable();
    void keepsEveryRecordWhenGrowingFails();
};

void tst_RecordTable::matchesStdMap_data()
{
    QTest::addColumn<QString>("hash");
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("keySpace");

    for (quint32 seed : {1u, 2u, 3u}) {
        for (const char *hash : {"constant", "last-char", "good"}) {
            for (int keySpace : {5, 40, 2000}) {
                QTest::addRow("%s hash, seed %u, %d keys", hash, seed, keySpace)
                    << QString::fromLatin1(hash) << seed << keySpace;
            }
        }
    }
}

void tst_RecordTable::matchesStdMap()
{
    QFETCH(QString, hash);
    QFETCH(quint32, seed);
    QFETCH(int, keySpace);

    const int steps = hash == u"constant" ? 1500 : 6000;
    if (hash == u"constant")
        compareWithStdMap<ConstantHash>(seed, keySpace, steps, "k");
    else if (hash == u"last-char")
        compareWithStdMap<LastCharHash>(seed, keySpace, steps, "k");
    else
        compareWithStdMap<GoodHash>(seed, keySpace, steps, "k");
}

void tst_RecordTable::emptyTable()
{
    RecordTable<Record> table;
    const std::size_t hash = GoodHash{}("x");
    QCOMPARE(table.find("x", hash), table.npos);
    QCOMPARE(table.size(), std::size_t(0));
    QCOMPARE(table.cellCount(), std::size_t(0));
    table.prefetchCell(hash);
    QCOMPARE(table.guess(hash), nullptr);
    Record record{"x", 1};
    const std::size_t cell = table.insert(&record, hash);
    QCOMPARE(table.guess(hash), &record);
    QCOMPARE(table.eraseAt(cell), &record);
    // Emptied, the table gives its memory back: the hints must not look at the freed cells.
    table.prefetchCell(hash);
    QCOMPARE(table.guess(hash), nullptr);
    QCOMPARE(table.find("x", hash), table.npos);
    QCOMPARE(table.cellCount(), std::size_t(0));
}

void tst_RecordTable::keepsEveryRecordWhenGrowingFails()
{
    // For every size up to a few growths: an insert that finds no memory for bigger cells
    // throws, and leaves every record held before it where lookups find it (a table that
    // dropped its old cells would lose them all, and an erase would then write outside them).
    for (int held = 0; held < 200; ++held) {
        std::vector<Record> records;
        records.reserve(std::size_t(held) + 1);
        for (int i = 0; i <= held; ++i)
            records.push_back(Record{"k" + std::to_string(i), i});
        RecordTable<Record> table;
        for (int i = 0; i < held; ++i)
            table.insert(&records[std::size_t(i)], GoodHash{}(records[std::size_t(i)].text));

        const Record &extra = records.back();
        bool inserted = false;
        refuseAllocations = true;
        try {
            table.insert(&records.back(), GoodHash{}(extra.text));
            inserted = true;
        } catch (const std::bad_alloc &) {
        }
        refuseAllocations = false;

        QCOMPARE(table.size(), std::size_t(held + (inserted ? 1 : 0)));
        for (int i = 0; i < held; ++i) {
            const Record &record = records[std::size_t(i)];
            const std::size_t cell = table.find(record.text, GoodHash{}(record.text));
            QVERIFY2(cell != table.npos,
                     qPrintable(QStringLiteral("%1 of %2 lost").arg(i).arg(held)));
            QCOMPARE(table.recordAt(cell), &record);
        }
        // With memory back, the same insert goes through.
        if (!inserted)
            table.insert(&records.back(), GoodHash{}(extra.text));
        QCOMPARE(table.find(extra.text, GoodHash{}(extra.text)) == table.npos, false);
    }
}

QTEST_APPLESS_MAIN(tst_RecordTable)
#include "tst_RecordTable.moc"
