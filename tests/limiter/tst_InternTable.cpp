#include <QTest>

#include "InternTable.h"

#include <functional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace vs;

class tst_InternTable : public QObject
{
    Q_OBJECT

private slots:
    void sharesOneCopyPerId_data();
    void sharesOneCopyPerId();
    void forgetsAnIdWithItsLastUse();
    void refsMoveTheirUse();
    void manyThreadsInternAndRelease();
};

namespace {

std::size_t hashOf(std::string_view text)
{
    return std::hash<std::string_view>{}(text);
}

InternTable::Ref intern(InternTable &table, std::string_view text)
{
    return table.intern(text, hashOf(text));
}

} // namespace

void tst_InternTable::sharesOneCopyPerId_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::newRow("short") << QByteArray("tt0111161");
    QTest::newRow("uuid") << QByteArray("6f1c2a4e-9b7d-4c3e-8a21-0d5e7f9b3c11");
    QTest::newRow("longer than CompactId keeps inline") << QByteArray(128, 'v');
}

void tst_InternTable::sharesOneCopyPerId()
{
    QFETCH(QByteArray, id);
    const std::string_view text(id.constData(), std::size_t(id.size()));

    InternTable table;
    const InternTable::Ref first = intern(table, text);
    const InternTable::Ref second = intern(table, text);
    const InternTable::Ref other = intern(table, "another");

    QCOMPARE(first.view(), text);
    QCOMPARE(first.text(), QString::fromLatin1(id));
    QCOMPARE(other.text(), QStringLiteral("another"));
    // One entry: the same bytes and the same text block, which results share rather than copy.
    QCOMPARE(static_cast<const void *>(second.view().data()),
             static_cast<const void *>(first.view().data()));
    QCOMPARE(static_cast<const void *>(second.text().constData()),
             static_cast<const void *>(first.text().constData()));
    QCOMPARE(table.size(), std::size_t(2));
}

void tst_InternTable::forgetsAnIdWithItsLastUse()
{
    InternTable table;
    InternTable::Ref first = intern(table, "v1");
    InternTable::Ref second = intern(table, "v1");
    const QString kept = first.text();

    first.reset();
    QVERIFY(first.empty());
    QCOMPARE(first.view(), std::string_view());
    QCOMPARE(first.text(), QString());
    QCOMPARE(table.size(), std::size_t(1)); // `second` still uses it
    QCOMPARE(second.text(), QStringLiteral("v1"));

    second.reset();
    QCOMPARE(table.size(), std::size_t(0));
    // A result made earlier keeps its text after the table forgot the id.
    QCOMPARE(kept, QStringLiteral("v1"));

    // The id can come back, as a new entry.
    const InternTable::Ref again = intern(table, "v1");
    QCOMPARE(again.text(), QStringLiteral("v1"));
    QCOMPARE(table.size(), std::size_t(1));
}

void tst_InternTable::refsMoveTheirUse()
{
    InternTable table;
    {
        InternTable::Ref original = intern(table, "v1");
        InternTable::Ref moved(std::move(original));
        QVERIFY(original.empty()); // NOLINT(bugprone-use-after-move): moved-from is empty
        QCOMPARE(moved.view(), std::string_view("v1"));

        InternTable::Ref target = intern(table, "v2");
        target = std::move(moved); // gives up its use of v2
        QCOMPARE(table.size(), std::size_t(1));
        QCOMPARE(target.view(), std::string_view("v1"));

        InternTable::Ref &alias = target;
        target = std::move(alias); // self-move keeps the use
        QCOMPARE(target.view(), std::string_view("v1"));
        QCOMPARE(table.size(), std::size_t(1));
    }
    QCOMPARE(table.size(), std::size_t(0));
}

void tst_InternTable::manyThreadsInternAndRelease()
{
    // Threads take and give back uses of a few shared ids at random, so that the last use of an
    // id often goes on one thread while another takes a new one. Every Ref must keep reading its
    // own id, and nothing may be left once all are gone.
    constexpr int threads = 4;
    constexpr int steps = 20'000;
    constexpr int ids = 24;
    std::vector<std::string> texts;
    for (int i = 0; i < ids; ++i)
        texts.push_back("video-" + std::to_string(i));

    InternTable table;
    std::vector<int> failures(threads, 0);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            std::mt19937 random(quint32(t) + 1);
            std::vector<std::pair<int, InternTable::Ref>> held;
            for (int step = 0; step < steps; ++step) {
                if (held.size() < 8 && random() % 2 == 0) {
                    const int id = int(random() % ids);
                    held.emplace_back(id, intern(table, texts[std::size_t(id)]));
                } else if (!held.empty()) {
                    held.erase(held.begin() + std::ptrdiff_t(random() % held.size()));
                }
                for (const auto &[id, ref] : held) {
                    if (ref.view() != texts[std::size_t(id)] ||
                        ref.text() != QString::fromStdString(texts[std::size_t(id)]))
                        ++failures[std::size_t(t)];
                }
            }
        });
    }
    for (std::thread &thread : pool)
        thread.join();
    for (int t = 0; t < threads; ++t)
        QCOMPARE(failures[std::size_t(t)], 0);
    QCOMPARE(table.size(), std::size_t(0));
}

QTEST_GUILESS_MAIN(tst_InternTable)
#include "tst_InternTable.moc"
