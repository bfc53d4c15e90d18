#include "ServerPanel.h"

#include "ApiServer.h"
#include "PolicyEditor.h"
#include "StreamLimiter.h"
#include "UiLog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace vs {

ServerPanel::ServerPanel(QWidget *parent)
    : QWidget(parent)
    , m_enabledCheckBox(new QCheckBox(this))
    , m_hostLineEdit(new QLineEdit(QStringLiteral("127.0.0.1"), this))
    , m_portSpinBox(new QSpinBox(this))
    , m_statusLabel(new QLabel(this))
    , m_coreLabel(new QLabel(this))
    , m_rateLabel(new QLabel(this))
    , m_curlLineEdit(new QLineEdit(this))
    , m_copyButton(new QToolButton(this))
    , m_policyEditor(new PolicyEditor(this))
    , m_rateTimer(new QTimer(this))
    , m_serverBox(new QGroupBox(this))
    , m_policyBox(new QGroupBox(this))
    , m_portLabel(new QLabel(m_serverBox))
    , m_addressLabel(new QLabel(m_serverBox))
    , m_statusTitleLabel(new QLabel(m_serverBox))
    , m_coreTitleLabel(new QLabel(m_serverBox))
    , m_requestsTitleLabel(new QLabel(m_serverBox))
    , m_tryLabel(new QLabel(m_serverBox))
{
    m_enabledCheckBox->setObjectName(QStringLiteral("serverEnabledCheckBox"));
    m_hostLineEdit->setObjectName(QStringLiteral("serverHostLineEdit"));
    m_portSpinBox->setObjectName(QStringLiteral("serverPortSpinBox"));
    m_portSpinBox->setRange(0, 65535);
    m_portSpinBox->setValue(8080);
    m_statusLabel->setObjectName(QStringLiteral("serverStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_coreLabel->setObjectName(QStringLiteral("serverCoreLabel"));
    m_coreLabel->setWordWrap(true);
    m_rateLabel->setObjectName(QStringLiteral("serverRateLabel"));
    m_curlLineEdit->setObjectName(QStringLiteral("curlLineEdit"));
    m_curlLineEdit->setReadOnly(true);
    m_copyButton->setObjectName(QStringLiteral("copyCurlButton"));

    m_serverBox->setObjectName(QStringLiteral("serverGroupBox"));
    m_policyBox->setObjectName(QStringLiteral("policyGroupBox"));
    m_portLabel->setBuddy(m_portSpinBox);
    m_addressLabel->setBuddy(m_hostLineEdit);
    auto *address = new QHBoxLayout;
    address->addWidget(m_hostLineEdit, 1);
    address->addWidget(m_portLabel);
    address->addWidget(m_portSpinBox);
    auto *curl = new QHBoxLayout;
    curl->addWidget(m_curlLineEdit, 1);
    curl->addWidget(m_copyButton);
    auto *serverForm = new QFormLayout(m_serverBox);
    serverForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    serverForm->addRow(m_enabledCheckBox);
    serverForm->addRow(m_addressLabel, address);
    serverForm->addRow(m_statusTitleLabel, m_statusLabel);
    serverForm->addRow(m_coreTitleLabel, m_coreLabel);
    serverForm->addRow(m_requestsTitleLabel, m_rateLabel);
    serverForm->addRow(m_tryLabel, curl);

    auto *policyLayout = new QVBoxLayout(m_policyBox);
    policyLayout->addWidget(m_policyEditor);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_serverBox);
    layout->addWidget(m_policyBox);
    layout->addStretch(1);

    connect(m_enabledCheckBox, &QCheckBox::toggled, this, [this](bool on) {
        if (on == isServing())
            return;
        if (on)
            startServer();
        else
            stopServer();
    });
    connect(m_copyButton, &QToolButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_curlLineEdit->text());
        emit message(tr("Copied the curl command"));
    });
    connect(m_rateTimer, &QTimer::timeout, this, &ServerPanel::updateRequestRate);
    m_rateTimer->start(1000);
    retranslateUi();
}

ServerPanel::~ServerPanel() = default;

void ServerPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ServerPanel::retranslateUi()
{
    m_enabledCheckBox->setText(tr("&Serve the HTTP API"));
    m_enabledCheckBox->setToolTip(tr("Answer the VideoStreams HTTP API from this app's core"));
    m_hostLineEdit->setToolTip(tr("The address to listen on; 127.0.0.1 keeps it on this machine"));
    m_portSpinBox->setSpecialValueText(tr("any free port"));
    m_portSpinBox->setToolTip(tr("The TCP port (0: let the system pick a free one)"));
    m_curlLineEdit->setToolTip(tr("Try the server from a terminal"));
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setToolTip(tr("Copy the curl command to the clipboard"));
    m_serverBox->setTitle(tr("Embedded server"));
    m_policyBox->setTitle(tr("Live policy"));
    m_portLabel->setText(tr("Port:"));
    m_addressLabel->setText(tr("Address:"));
    m_statusTitleLabel->setText(tr("Status:"));
    m_coreTitleLabel->setText(tr("Core:"));
    m_requestsTitleLabel->setText(tr("Requests:"));
    m_tryLabel->setText(tr("Try it:"));
    updateStatus();
}

void ServerPanel::setLimiter(StreamLimiter *limiter, const QString &coreDescription)
{
    m_coreLabel->setText(coreDescription);
    if (limiter == m_limiter)
        return;
    const bool wasServing = isServing();
    const quint16 port = m_port;
    // The server must not outlive the core it reads; restart it on the port it had.
    m_server.reset();
    m_limiter = limiter;
    if (wasServing && m_limiter != nullptr) {
        const QSignalBlocker blocker(m_portSpinBox);
        const int requested = m_portSpinBox->value();
        m_portSpinBox->setValue(port);
        startServer();
        m_portSpinBox->setValue(requested);
    } else {
        m_port = 0;
        updateStatus();
    }
}

bool ServerPanel::startServer()
{
    m_server.reset();
    m_port = 0;
    m_error.clear();
    const QHostAddress address(m_hostLineEdit->text().trimmed());
    if (m_limiter == nullptr) {
        m_error = tr("no core to serve");
    } else if (address.isNull()) {
        m_error = tr("\"%1\" is not an IP address").arg(m_hostLineEdit->text());
    } else {
        auto server = std::make_unique<ApiServer>(*m_limiter);
        QString listenError;
        const quint16 port = server->listen(address, quint16(m_portSpinBox->value()), &listenError);
        if (port == 0) {
            m_error = listenError.isEmpty() ? tr("cannot listen") : listenError;
        } else {
            m_server = std::move(server);
            m_port = port;
            m_lastRequestCount = 0;
            m_lastRateAtMs = QDateTime::currentMSecsSinceEpoch();
            m_requestsPerSecond = 0;
        }
    }
    if (m_server) {
        qCInfo(lcUi) << "embedded server listening on" << baseUrl();
        emit message(tr("Serving the HTTP API on %1").arg(baseUrl()));
    } else {
        emit error(tr("The embedded server could not start: %1").arg(m_error));
    }
    updateStatus();
    emit servingChanged(isServing());
    return isServing();
}

void ServerPanel::stopServer()
{
    if (!m_server)
        return;
    m_server.reset();
    m_port = 0;
    emit message(tr("Stopped the embedded server"));
    updateStatus();
    emit servingChanged(false);
}

QString ServerPanel::baseUrl() const
{
    if (!isServing())
        return {};
    QString host = m_hostLineEdit->text().trimmed();
    if (QHostAddress(host).protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' % host % u']';
    return QStringLiteral("http://%1:%2").arg(host).arg(m_port);
}

void ServerPanel::setAddress(const QString &host, quint16 port)
{
    m_hostLineEdit->setText(host);
    m_portSpinBox->setValue(port);
}

QString ServerPanel::host() const
{
    return m_hostLineEdit->text().trimmed();
}

quint16 ServerPanel::requestedPort() const
{
    return quint16(m_portSpinBox->value());
}

void ServerPanel::updateStatus()
{
    const bool serving = isServing();
    {
        const QSignalBlocker blocker(m_enabledCheckBox);
        m_enabledCheckBox->setChecked(serving);
    }
    m_hostLineEdit->setEnabled(!serving);
    m_portSpinBox->setEnabled(!serving);
    if (serving) {
        m_statusLabel->setText(tr("Listening on %1").arg(baseUrl()));
        m_curlLineEdit->setText(
            QStringLiteral("curl -s -X POST -d '{\"video_id\":\"v1\"}' %1/user/alice/stream")
                .arg(baseUrl()));
    } else {
        m_statusLabel->setText(m_error.isEmpty() ? tr("Off") : tr("Off: %1").arg(m_error));
        m_curlLineEdit->setText(tr("(start the server to get a curl example)"));
    }
    m_curlLineEdit->setCursorPosition(0);
    m_copyButton->setEnabled(serving);
    updateRequestRate();
}

void ServerPanel::updateRequestRate()
{
    if (!isServing()) {
        m_rateLabel->setText(tr("—"));
        return;
    }
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const quint64 count = totalRequests();
    if (nowMs - m_lastRateAtMs >= 500) {
        m_requestsPerSecond =
            double(count - m_lastRequestCount) * 1000.0 / double(nowMs - m_lastRateAtMs);
        m_lastRequestCount = count;
        m_lastRateAtMs = nowMs;
    }
    const QLocale locale;
    m_rateLabel->setText(
        tr("%1/s (%2 in total)")
            .arg(locale.toString(m_requestsPerSecond, 'f', 1), locale.toString(count)));
}

quint64 ServerPanel::totalRequests() const
{
    quint64 total = 0;
    const int routes = int(m_server->routes().routes().size());
    for (int route = -1; route < routes; ++route) {
        for (int status = 100; status < 600; ++status)
            total += m_server->metrics().requestCount(route, status);
    }
    return total;
}

} // namespace vs
