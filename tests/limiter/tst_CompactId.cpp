#include <QTest>

#include "CompactId.h"

#include <string>
#include <utility>

using namespace vs;

class tst_CompactId : public QObject
{
    Q_OBJECT

private slots:
    void keepsTheText_data();
    void keepsTheText();
};

void tst_CompactId::keepsTheText_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("otherLength");

    // Inline up to 39 characters, heap beyond; every pair crosses or stays on one side.
    for (int length : {0, 1, 15, 16, 38, 39, 40, 128, 1000}) {
        for (int otherLength : {0, 5, 39, 40, 200})
            QTest::addRow("%d then %d", length, otherLength) << length << otherLength;
    }
}

void tst_CompactId::keepsTheText()
{
    QFETCH(int, length);
    QFETCH(int, otherLength);

    std::string text;
    for (int i = 0; i < length; ++i)
        text.push_back(char('a' + i % 26));
    const std::string other(std::size_t(otherLength), 'x');

    CompactId id(text);
    QCOMPARE(id.view(), std::string_view(text));
    QCOMPARE(id.empty(), text.empty());

    CompactId copy(id);
    QCOMPARE(copy.view(), std::string_view(text));
    CompactId moved(std::move(copy));
    QCOMPARE(moved.view(), std::string_view(text));
    QVERIFY(copy.empty()); // NOLINT(bugprone-use-after-move): moved-from is empty by design

    CompactId assigned(other);
    assigned = id;
    QCOMPARE(assigned.view(), std::string_view(text));
    assigned = CompactId(other);
    QCOMPARE(assigned.view(), std::string_view(other));
    assigned.assign(text);
    QCOMPARE(assigned.view(), std::string_view(text));
    assigned = std::as_const(assigned);
    QCOMPARE(assigned.view(), std::string_view(text));
    QVERIFY(assigned == std::string_view(text));

    // The original is untouched by all of that.
    QCOMPARE(id.view(), std::string_view(text));
}

QTEST_APPLESS_MAIN(tst_CompactId)
#include "tst_CompactId.moc"
