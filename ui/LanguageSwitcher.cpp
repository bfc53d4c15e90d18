#include "LanguageSwitcher.h"

#include "UiLog.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace vs {

const QList<LanguageSwitcher::Language> &LanguageSwitcher::languages()
{
    static const QList<Language> all{
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("es"), QStringLiteral("Español")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
    };
    return all;
}

QString LanguageSwitcher::bestLanguage(const QStringList &uiLanguages)
{
    for (const QString &name : uiLanguages) {
        const QString code = name.section(u'-', 0, 0).section(u'_', 0, 0).toLower();
        for (const Language &language : languages()) {
            if (language.code == code)
                return code;
        }
    }
    return QStringLiteral("en");
}

QString LanguageSwitcher::systemLanguage()
{
    return bestLanguage(QLocale::system().uiLanguages());
}

QString LanguageSwitcher::translationPath(const QString &code)
{
    return QStringLiteral(":/i18n/videostreams_%1.qm").arg(code);
}

LanguageSwitcher::LanguageSwitcher(QObject *parent)
    : QObject(parent)
    , m_appTranslator(new QTranslator(this))
    , m_qtTranslator(new QTranslator(this))
{}

LanguageSwitcher::~LanguageSwitcher()
{
    QCoreApplication::removeTranslator(m_appTranslator);
    QCoreApplication::removeTranslator(m_qtTranslator);
}

bool LanguageSwitcher::setLanguage(const QString &code)
{
    bool known = false;
    for (const Language &language : languages())
        known = known || language.code == code;
    if (!known)
        return false;
    if (code == m_current)
        return true;

    auto *appTranslator = new QTranslator(this);
    if (!appTranslator->load(translationPath(code))) {
        qCWarning(lcUi) << "no translation built in for" << code;
        delete appTranslator;
        return false;
    }
    // Qt's own strings (standard buttons, file dialogs); a missing file only leaves them English.
    auto *qtTranslator = new QTranslator(this);
    if (!qtTranslator->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        qCDebug(lcUi) << "no Qt translation for" << code;

    QCoreApplication::removeTranslator(m_appTranslator);
    QCoreApplication::removeTranslator(m_qtTranslator);
    delete m_appTranslator;
    delete m_qtTranslator;
    m_appTranslator = appTranslator;
    m_qtTranslator = qtTranslator;
    QCoreApplication::installTranslator(m_qtTranslator);
    QCoreApplication::installTranslator(m_appTranslator);
    m_current = code;
    // Installing posts LanguageChange; deliver it now so every widget speaks the new language
    // when this returns (and tests need not spin the event loop).
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    qCInfo(lcUi) << "language:" << code;
    emit languageChanged(code);
    return true;
}

} // namespace vs
