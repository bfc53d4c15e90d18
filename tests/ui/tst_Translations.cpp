// The GUI in English, Spanish and German: each translation is built in and complete, the
// system's language is picked when the user chose none, and the Language menu switches a live
// window (widgets found by objectName) without a restart and without losing what was entered.

#include "LanguageSwitcher.h"
#include "MainWindow.h"

#include "ChartsPanel.h"
#include "Scenario.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace vs;
using namespace Qt::StringLiterals;

namespace {

// The text a widget or action shows, whatever its kind.
QString shownText(const MainWindow &window, const QString &objectName)
{
    if (auto *action = window.findChild<QAction *>(objectName))
        return action->text();
    if (auto *menu = window.findChild<QMenu *>(objectName))
        return menu->title();
    if (auto *dock = window.findChild<QDockWidget *>(objectName))
        return dock->windowTitle();
    if (auto *group = window.findChild<QGroupBox *>(objectName))
        return group->title();
    if (auto *button = window.findChild<QAbstractButton *>(objectName))
        return button->text();
    if (auto *label = window.findChild<QLabel *>(objectName))
        return label->text();
    if (auto *combo = window.findChild<QComboBox *>(objectName))
        return combo->itemText(0);
    return QStringLiteral("<no widget %1>").arg(objectName);
}

QAction *languageAction(const MainWindow &window, const QString &code)
{
    for (QAction *action : window.findChild<QMenu *>(QStringLiteral("languageMenu"))->actions()) {
        if (action->data().toString() == code)
            return action;
    }
    return nullptr;
}

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void everyLanguageIsBuiltInAndComplete_data();
    void everyLanguageIsBuiltInAndComplete();
    void bestLanguageFollowsTheSystem_data();
    void bestLanguageFollowsTheSystem();
    void languageMenuSwitchesWithoutRestart_data();
    void languageMenuSwitchesWithoutRestart();
    void switchingKeepsWhatWasEntered();
    void textsWithRunDataFollowTheLanguage();
    void choiceIsRememberedAndUnknownLanguagesRefused();

private:
    QTemporaryDir m_settingsDir;
};

void tst_Translations::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("VideoStreams"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_Translations"));
}

void tst_Translations::init()
{
    QSettings().clear();
}

void tst_Translations::everyLanguageIsBuiltInAndComplete_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    // One text from each panel's context; an untranslated entry would come back empty.
    QTest::newRow("en") << u"en"_s << u"&Help"_s << u"&Help"_s;
    QTest::newRow("es") << u"es"_s << u"&Help"_s << u"Ay&uda"_s;
    QTest::newRow("de") << u"de"_s << u"&Help"_s << u"&Hilfe"_s;
}

void tst_Translations::everyLanguageIsBuiltInAndComplete()
{
    QFETCH(QString, code);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QTranslator translator;
    QVERIFY2(translator.load(LanguageSwitcher::translationPath(code)),
             qPrintable(LanguageSwitcher::translationPath(code)));
    QCOMPARE(translator.language().left(2), code);
    QCOMPARE(translator.translate("vs::MainWindow", source.toUtf8().constData()), expected);
    // Plural forms exist for a count of one and of many.
    QVERIFY(!translator.translate("vs::MainWindow", "%n request(s) failed", nullptr, 1).isEmpty());
    QVERIFY(!translator.translate("vs::MainWindow", "%n request(s) failed", nullptr, 5).isEmpty());
}

void tst_Translations::bestLanguageFollowsTheSystem_data()
{
    QTest::addColumn<QStringList>("uiLanguages");
    QTest::addColumn<QString>("expected");
    QTest::newRow("German, Austria") << QStringList{u"de-AT"_s, u"de"_s, u"en-US"_s} << u"de"_s;
    QTest::newRow("Spanish, Mexico") << QStringList{u"es-MX"_s} << u"es"_s;
    QTest::newRow("underscore form") << QStringList{u"es_ES"_s} << u"es"_s;
    QTest::newRow("first known wins") << QStringList{u"fr-FR"_s, u"de-DE"_s, u"es-ES"_s} << u"de"_s;
    QTest::newRow("English") << QStringList{u"en-GB"_s} << u"en"_s;
    QTest::newRow("none known") << QStringList{u"fr-FR"_s, u"pt-BR"_s} << u"en"_s;
    QTest::newRow("empty") << QStringList{} << u"en"_s;
}

void tst_Translations::bestLanguageFollowsTheSystem()
{
    QFETCH(QStringList, uiLanguages);
    QFETCH(QString, expected);
    QCOMPARE(LanguageSwitcher::bestLanguage(uiLanguages), expected);
}

void tst_Translations::languageMenuSwitchesWithoutRestart_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("objectName");
    QTest::addColumn<QString>("english");
    QTest::addColumn<QString>("translated");

    const auto rows = [](const QString &code, const QList<QStringList> &texts) {
        for (const QStringList &row : texts)
            QTest::addRow("%s %s", qPrintable(code), qPrintable(row.at(0)))
                << code << row.at(0) << row.at(1) << row.at(2);
    };
    rows(u"es"_s,
         {{u"helpMenu"_s, u"&Help"_s, u"Ay&uda"_s},
          {u"languageMenu"_s, u"&Language"_s, u"&Idioma"_s},
          {u"apiDocumentationAction"_s, u"&API Documentation"_s, u"Documentación de la &API"_s},
          {u"startAction"_s, u"&Start"_s, u"&Iniciar"_s},
          {u"scenarioDock"_s, u"Scenario"_s, u"Escenario"_s},
          {u"runGroupBox"_s, u"Run"_s, u"Ejecución"_s},
          {u"thresholdsGroupBox"_s, u"Pass/fail thresholds"_s, u"Umbrales de éxito/fallo"_s},
          {u"targetComboBox"_s, u"Embedded core"_s, u"Núcleo integrado"_s},
          {u"serverGroupBox"_s, u"Embedded server"_s, u"Servidor integrado"_s},
          {u"applyPolicyButton"_s, u"&Apply to the core"_s, u"&Aplicar al núcleo"_s},
          {u"refreshStreamsButton"_s, u"Refresh"_s, u"Actualizar"_s},
          {u"clearLogButton"_s, u"Clear"_s, u"Vaciar"_s},
          {u"planMixAddButton"_s, u"Add"_s, u"Añadir"_s},
          {u"stateLabel"_s, u"idle"_s, u"inactivo"_s}});
    rows(u"de"_s,
         {{u"helpMenu"_s, u"&Help"_s, u"&Hilfe"_s},
          {u"fileMenu"_s, u"&File"_s, u"&Datei"_s},
          {u"stopAction"_s, u"S&top"_s, u"S&toppen"_s},
          {u"serverDock"_s, u"Server and policy"_s, u"Server und Richtlinie"_s},
          {u"watchingGroupBox"_s, u"Watching"_s, u"Zuschauen"_s},
          {u"denialRatioCheckBox"_s, u"Denial ratio"_s, u"Ablehnungsquote"_s},
          {u"serverEnabledCheckBox"_s, u"&Serve the HTTP API"_s, u"HTTP-API &bereitstellen"_s},
          {u"stopStreamButton"_s, u"&Stop selected"_s, u"Auswahl &stoppen"_s},
          {u"speedTitleLabel"_s, u"Speed:"_s, u"Geschwindigkeit:"_s},
          {u"stateLabel"_s, u"idle"_s, u"bereit"_s}});
}

void tst_Translations::languageMenuSwitchesWithoutRestart()
{
    QFETCH(QString, code);
    QFETCH(QString, objectName);
    QFETCH(QString, english);
    QFETCH(QString, translated);

    MainWindow window;
    QCOMPARE(window.languageSwitcher()->current(), QStringLiteral("en"));
    QCOMPARE(shownText(window, objectName), english);

    QAction *action = languageAction(window, code);
    QVERIFY(action);
    action->trigger();
    QCOMPARE(window.languageSwitcher()->current(), code);
    QVERIFY(action->isChecked());
    QCOMPARE(shownText(window, objectName), translated);

    languageAction(window, QStringLiteral("en"))->trigger();
    QCOMPARE(shownText(window, objectName), english);
}

void tst_Translations::switchingKeepsWhatWasEntered()
{
    MainWindow window;
    auto *limit = window.findChild<QSpinBox *>(QStringLiteral("policyLimitSpinBox"));
    auto *atLimit = window.findChild<QComboBox *>(QStringLiteral("policyAtLimitComboBox"));
    auto *users = window.findChild<QSpinBox *>(QStringLiteral("usersSpinBox"));
    QVERIFY(limit && atLimit && users);
    limit->setValue(7);
    atLimit->setCurrentIndex(1);
    users->setValue(1234);

    QVERIFY(window.setLanguage(QStringLiteral("de")));
    QCOMPARE(limit->value(), 7);
    QCOMPARE(atLimit->currentIndex(), 1);
    QCOMPARE(atLimit->currentText(), QStringLiteral("Den ältesten Stream verdrängen"));
    QCOMPARE(users->value(), 1234);
    QCOMPARE(window.currentScenario().scenario.users, 1234);
}

void tst_Translations::textsWithRunDataFollowTheLanguage()
{
    MainWindow window;
    Scenario scenario;
    scenario.name = u"short"_s;
    scenario.users = 200;
    scenario.durationS = 120;
    window.setScenario(scenario);
    QVERIFY(window.startRun());
    QTRY_VERIFY_WITH_TIMEOUT(window.engine().state() == SimulationSnapshot::State::Finished, 60000);
    window.refreshNow();

    auto *chart = window.findChild<QChartView *>(u"activeStreamsChartView"_s);
    auto *active = window.findChild<QLabel *>(u"activeStreamsLabel"_s);
    QVERIFY(chart && active);
    const QString capacity = QLocale().toString(200 * scenario.policy.defaultLimit);
    QCOMPARE(chart->chart()->title(), u"Active streams (capacity %1)"_s.arg(capacity));
    QVERIFY2(active->text().startsWith(u"Active: "_s), qPrintable(active->text()));
    QCOMPARE(shownText(window, u"stateLabel"_s), u"finished"_s);

    // No new snapshot arrives after the run: the switch itself must say it all again.
    QVERIFY(window.setLanguage(u"de"_s));
    QCOMPARE(chart->chart()->title(), u"Aktive Streams (Kapazität %1)"_s.arg(capacity));
    QVERIFY2(active->text().startsWith(u"Aktiv: "_s), qPrintable(active->text()));
    QCOMPARE(shownText(window, u"stateLabel"_s), u"beendet"_s);
    QCOMPARE(window.windowTitle(), u"short — VideoStreams"_s);
}

void tst_Translations::choiceIsRememberedAndUnknownLanguagesRefused()
{
    {
        MainWindow window;
        QVERIFY(window.setLanguage(QStringLiteral("es")));
        QVERIFY(!window.setLanguage(QStringLiteral("fr")));
        QCOMPARE(window.languageSwitcher()->current(), QStringLiteral("es"));
    }
    QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("es"));
    MainWindow reopened;
    QCOMPARE(reopened.languageSwitcher()->current(), QStringLiteral("es"));
    QCOMPARE(shownText(reopened, QStringLiteral("helpMenu")), QStringLiteral("Ay&uda"));
}

QTEST_MAIN(tst_Translations)
#include "tst_Translations.moc"
