#pragma once

#include <QHostAddress>
#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;
class QToolButton;

class QGroupBox;

namespace vs {

class ApiServer;
class PolicyEditor;
class StreamLimiter;

// The embedded HTTP server: switch it on and off, where it listens, how busy it is, a curl line
// to try it, and the live policy editor. It serves whichever core the window gives it (the
// running simulation's, or a standalone one between runs), so what the simulator shows and
// what HTTP clients see is one state.
class ServerPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ServerPanel(QWidget *parent = nullptr);
    ~ServerPanel() override;

    // A running server is restarted on the same address and port for the new core. `limiter`
    // must outlive its use here: call setLimiter again before destroying it.
    void setLimiter(StreamLimiter *limiter, const QString &coreDescription);

    // Listens on the host and port in the panel (port 0: any free port). False and an error in
    // the panel (and in errorString()) when it cannot.
    bool startServer();
    void stopServer();
    bool isServing() const { return m_server != nullptr; }
    quint16 serverPort() const { return m_port; }
    QString baseUrl() const;
    QString errorString() const { return m_error; }

    void setAddress(const QString &host, quint16 port);
    QString host() const;
    quint16 requestedPort() const;

    PolicyEditor *policyEditor() const { return m_policyEditor; }

signals:
    void servingChanged(bool serving);
    void message(const QString &text);
    void error(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateStatus();
    void updateRequestRate();
    quint64 totalRequests() const;

    StreamLimiter *m_limiter = nullptr;
    std::unique_ptr<ApiServer> m_server;
    quint16 m_port = 0;
    QString m_error;
    quint64 m_lastRequestCount = 0;
    qint64 m_lastRateAtMs = 0;
    double m_requestsPerSecond = 0;

    QCheckBox *m_enabledCheckBox;
    QLineEdit *m_hostLineEdit;
    QSpinBox *m_portSpinBox;
    QLabel *m_statusLabel;
    QLabel *m_coreLabel;
    QLabel *m_rateLabel;
    QLineEdit *m_curlLineEdit;
    QToolButton *m_copyButton;
    PolicyEditor *m_policyEditor;
    QTimer *m_rateTimer;
    // Titles kept to be retranslated.
    QGroupBox *m_serverBox;
    QGroupBox *m_policyBox;
    QLabel *m_portLabel;
    QLabel *m_addressLabel;
    QLabel *m_statusTitleLabel;
    QLabel *m_coreTitleLabel;
    QLabel *m_requestsTitleLabel;
    QLabel *m_tryLabel;
};

} // namespace vs
