#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QTranslator;

namespace vs {

// Which language the GUI speaks: installs the app's translation (built into the binary from
// translations/*.ts) and Qt's own for the standard dialogs. Every widget retranslates itself
// on the QEvent::LanguageChange that installing a translator sends, so switching needs no
// restart. The HTTP API never goes through here: its messages are a contract and stay English.
class LanguageSwitcher final : public QObject
{
    Q_OBJECT

public:
    struct Language
    {
        QString code;       // "de"
        QString nativeName; // "Deutsch": a language's own name, never translated
    };

    static const QList<Language> &languages();
    // The first of `uiLanguages` ("de-AT", "es_MX", "fr", ... in order of preference) that the
    // app has, else English.
    static QString bestLanguage(const QStringList &uiLanguages);
    // bestLanguage of the system's UI languages.
    static QString systemLanguage();
    // The translation resource for `code`, e.g. ":/i18n/videostreams_de.qm".
    static QString translationPath(const QString &code);

    explicit LanguageSwitcher(QObject *parent = nullptr);
    ~LanguageSwitcher() override;

    QString current() const { return m_current; }

    // Installs `code`'s translations; widgets have retranslated when this returns. False (and
    // nothing changes) for a language the app does not have.
    bool setLanguage(const QString &code);

signals:
    void languageChanged(const QString &code);

private:
    QTranslator *m_appTranslator;
    QTranslator *m_qtTranslator;
    QString m_current;
};

} // namespace vs
