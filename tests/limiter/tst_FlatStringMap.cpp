#include <QTest>

#include "FlatStringMap.h"

#include <map>
#include <random>
#include <set>
#include <type_traits>

using namespace vs;

namespace {

// Hashes that force long probe runs, clustering and wrap-around at the end of the slot array.
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

// Applies the same random inserts and erases to the map and to std::map, checking they agree
// after every step, and that a walk over the positions sees every key exactly once.
template<typename Hash>
void compareWithStdMap(quint32 seed, int keySpace, int steps, const std::string &prefix)
{
    FlatStringMap<int, Hash> flat;
    std::map<std::string, int> reference;
    std::mt19937 random(seed);
    for (int step = 0; step < steps; ++step) {
        const std::string key = prefix + std::to_string(random() % quint32(keySpace));
        const std::size_t hash = Hash{}(key);
        // The cache hints read the map too: they must never fault, and a present key always has
        // a guess (the first entry whose hash agrees, which is this key's unless another shares
        // all 32 bits of the tag, as under ConstantHash).
        flat.prefetchSlot(hash);
        flat.prefetchEntry(hash);
        const int *guess = flat.guessValue(hash);
        if (reference.count(key) == 1) {
            QVERIFY(guess);
            if (std::is_same_v<Hash, GoodHash>)
                QCOMPARE(*guess, reference[key]);
        }
        if (random() % 3 != 0) {
            const std::size_t slot = flat.findOrInsert(key, hash);
            flat.valueAt(slot) = step;
            reference[key] = step;
        } else {
            const std::size_t slot = flat.find(key, hash);
            QCOMPARE(slot != flat.npos, reference.count(key) == 1);
            if (slot != flat.npos) {
                flat.eraseAt(slot);
                reference.erase(key);
            }
        }
        QCOMPARE(flat.size(), reference.size());
    }
    for (const auto &[key, value] : reference) {
        const std::size_t slot = flat.find(key, Hash{}(key));
        QVERIFY(slot != flat.npos);
        QCOMPARE(flat.valueAt(slot), value);
    }
    std::set<std::string> seen;
    for (std::size_t position = 0; position < flat.size(); ++position) {
        const std::string key(flat.keyAt(position));
        QVERIFY(seen.insert(key).second);
        QVERIFY(reference.count(key) == 1);
        QCOMPARE(flat.valueAt(position), reference[key]);
    }
    QCOMPARE(seen.size(), reference.size());
}

} // namespace

class tst_FlatStringMap : public QObject
{
    Q_OBJECT

private slots:
    void matchesStdMap_data();
    void matchesStdMap();
    void findOnEmptyMap();
};

void tst_FlatStringMap::matchesStdMap_data()
{
    QTest::addColumn<QString>("hash");
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("keySpace");
    QTest::addColumn<QString>("prefix");

    for (quint32 seed : {1u, 2u, 3u}) {
        for (const char *hash : {"constant", "last-char", "good"}) {
            for (int keySpace : {5, 40, 2000}) {
                // Short keys sit inline in CompactId; keys over 39 characters take its heap path.
                QTest::addRow("%s hash, seed %u, %d keys", hash, seed, keySpace)
                    << QString::fromLatin1(hash) << seed << keySpace << QStringLiteral("k");
                QTest::addRow("%s hash, seed %u, %d long keys", hash, seed, keySpace)
                    << QString::fromLatin1(hash) << seed << keySpace
                    << QStringLiteral("a-user-id-longer-than-thirty-nine-characters-");
            }
        }
    }
}

void tst_FlatStringMap::matchesStdMap()
{
    QFETCH(QString, hash);
    QFETCH(quint32, seed);
    QFETCH(int, keySpace);
    QFETCH(QString, prefix);

    const std::string keyPrefix = prefix.toStdString();
    const int steps = hash == u"constant" ? 1500 : 6000;
    if (hash == u"constant")
        compareWithStdMap<ConstantHash>(seed, keySpace, steps, keyPrefix);
    else if (hash == u"last-char")
        compareWithStdMap<LastCharHash>(seed, keySpace, steps, keyPrefix);
    else
        compareWithStdMap<GoodHash>(seed, keySpace, steps, keyPrefix);
}

void tst_FlatStringMap::findOnEmptyMap()
{
    FlatStringMap<int, GoodHash> flat;
    const std::size_t hash = GoodHash{}("x");
    QCOMPARE(flat.find("x", hash), flat.npos);
    QCOMPARE(flat.size(), std::size_t(0));
    flat.prefetchSlot(hash);
    flat.prefetchEntry(hash);
    QCOMPARE(flat.guessValue(hash), nullptr);
    const std::size_t slot = flat.findOrInsert("x", hash);
    QCOMPARE(flat.guessValue(hash), &flat.valueAt(slot));
    flat.eraseAt(slot);
    // Emptied, the map gives its memory back: the hints must not look at the freed index.
    flat.prefetchSlot(hash);
    QCOMPARE(flat.guessValue(hash), nullptr);
    QCOMPARE(flat.find("x", hash), flat.npos);
    QCOMPARE(flat.size(), std::size_t(0));
}

QTEST_APPLESS_MAIN(tst_FlatStringMap)
#include "tst_FlatStringMap.moc"
