// The OpenAPI document (resources/openapi.json) against the server that serves it: every route
// ApiServer registers is documented with its method and nothing else is, path parameters match
// the templates, references resolve, and GET /openapi.json serves the built-in copy.

#include "HttpTestHarness.h"
#include "OpenApiDocument.h"
#include "RouteTable.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

namespace {

const QStringList operationKeys = {QStringLiteral("get"),     QStringLiteral("put"),
                                   QStringLiteral("post"),    QStringLiteral("delete"),
                                   QStringLiteral("options"), QStringLiteral("head"),
                                   QStringLiteral("patch"),   QStringLiteral("trace")};

// What the document and the route table disagree on, one sorted line per operation.
QStringList mismatches(const vs::RouteTable &routes, const QJsonObject &document)
{
    QSet<QString> registered;
    for (const vs::RouteTable::Route &route : routes.routes())
        registered.insert(QString::fromLatin1(vs::RouteTable::methodName(route.method)) + u' ' +
                          route.pattern);
    QSet<QString> documented;
    const QJsonObject paths = document.value(u"paths").toObject();
    for (auto path = paths.constBegin(); path != paths.constEnd(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (const QString &method : operationKeys) {
            if (item.contains(method))
                documented.insert(method.toUpper() + u' ' + path.key());
        }
    }
    QStringList result;
    for (const QString &operation : registered - documented)
        result.append(operation + QStringLiteral(" is registered but not documented"));
    for (const QString &operation : documented - registered)
        result.append(operation + QStringLiteral(" is documented but not registered"));
    result.sort();
    return result;
}

// Resolves a local reference such as "#/components/parameters/User" (RFC 6901 pointer).
QJsonValue resolve(const QJsonObject &document, const QString &reference)
{
    if (!reference.startsWith(QStringLiteral("#/")))
        return QJsonValue(QJsonValue::Undefined);
    QJsonValue current = document;
    for (QString token : reference.mid(2).split(u'/')) {
        token.replace(QStringLiteral("~1"), QStringLiteral("/"));
        token.replace(QStringLiteral("~0"), QStringLiteral("~"));
        if (!current.isObject() || !current.toObject().contains(token))
            return QJsonValue(QJsonValue::Undefined);
        current = current.toObject().value(token);
    }
    return current;
}

void collectReferences(const QJsonValue &value, QStringList &out)
{
    if (value.isArray()) {
        for (const QJsonValue &element : value.toArray())
            collectReferences(element, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (it.key() == u"$ref" && it.value().isString())
                out.append(it.value().toString());
            else
                collectReferences(it.value(), out);
        }
    }
}

} // namespace

class OpenApiDocumentTest : public QObject
{
    Q_OBJECT

private slots:
    void builtInDocumentIsTheSourceFile();
    void documentIsOpenApi3();
    void documentMatchesRouteTable_data();
    void documentMatchesRouteTable();
    void serverGainingARouteIsNoticed();
    void pathParametersMatchTemplates();
    void referencesResolve();
    void everyOperationDocumentsItsAnswers();
    void servedAtOpenApiJson();
};

void OpenApiDocumentTest::builtInDocumentIsTheSourceFile()
{
    QFile source(QStringLiteral(VS_OPENAPI_SOURCE));
    QVERIFY2(source.open(QIODevice::ReadOnly), qPrintable(source.errorString()));
    const QByteArray builtIn = vs::OpenApiDocument::bytes();
    QVERIFY2(!builtIn.isEmpty(), "the resource :/openapi.json is not built in");
    QCOMPARE(builtIn, source.readAll());
}

void OpenApiDocumentTest::documentIsOpenApi3()
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(vs::OpenApiDocument::bytes(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(document.isObject());
    const QJsonObject root = document.object();
    QVERIFY2(root.value(u"openapi").toString().startsWith(QStringLiteral("3.")),
             qPrintable(root.value(u"openapi").toString()));
    QVERIFY(!root.value(u"info").toObject().value(u"title").toString().isEmpty());
    QCOMPARE(root.value(u"info").toObject().value(u"version").toString(),
             QStringLiteral(VS_PROJECT_VERSION));
    QVERIFY(!root.value(u"paths").toObject().isEmpty());
}

void OpenApiDocumentTest::documentMatchesRouteTable_data()
{
    QTest::addColumn<QString>("removePath");
    QTest::addColumn<QString>("removeMethod");
    QTest::addColumn<QString>("addPath");
    QTest::addColumn<QString>("addMethod");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("as committed") << QString() << QString() << QString() << QString()
                                  << QStringList();
    QTest::newRow("operation missing")
        << QStringLiteral("/healthz") << QStringLiteral("get") << QString() << QString()
        << QStringList{QStringLiteral("GET /healthz is registered but not documented")};
    QTest::newRow("one of two methods missing")
        << QStringLiteral("/v1/policy") << QStringLiteral("put") << QString() << QString()
        << QStringList{QStringLiteral("PUT /v1/policy is registered but not documented")};
    QTest::newRow("method the server lacks")
        << QString() << QString() << QStringLiteral("/v1/policy") << QStringLiteral("delete")
        << QStringList{QStringLiteral("DELETE /v1/policy is documented but not registered")};
    QTest::newRow("path the server lacks")
        << QString() << QString() << QStringLiteral("/v1/users/{user}/devices")
        << QStringLiteral("get")
        << QStringList{
               QStringLiteral("GET /v1/users/{user}/devices is documented but not registered")};
    QTest::newRow("wrong method")
        << QStringLiteral("/v1/users/{user}/streams/{stream}/heartbeat") << QStringLiteral("post")
        << QStringLiteral("/v1/users/{user}/streams/{stream}/heartbeat") << QStringLiteral("put")
        << QStringList{QStringLiteral("POST /v1/users/{user}/streams/{stream}/heartbeat is "
                                      "registered but not documented"),
                       QStringLiteral("PUT /v1/users/{user}/streams/{stream}/heartbeat is "
                                      "documented but not registered")};
    QTest::newRow("renamed placeholder")
        << QStringLiteral("/user/{user}/streams") << QStringLiteral("get")
        << QStringLiteral("/user/{user_id}/streams") << QStringLiteral("get")
        << QStringList{
               QStringLiteral("GET /user/{user_id}/streams is documented but not registered"),
               QStringLiteral("GET /user/{user}/streams is registered but not documented")};
}

void OpenApiDocumentTest::documentMatchesRouteTable()
{
    QFETCH(QString, removePath);
    QFETCH(QString, removeMethod);
    QFETCH(QString, addPath);
    QFETCH(QString, addMethod);
    QFETCH(QStringList, expected);

    QJsonObject document = QJsonDocument::fromJson(vs::OpenApiDocument::bytes()).object();
    QJsonObject paths = document.value(u"paths").toObject();
    if (!removePath.isEmpty()) {
        QJsonObject item = paths.value(removePath).toObject();
        QVERIFY2(item.contains(removeMethod), qPrintable(removePath));
        item.remove(removeMethod);
        if (item.isEmpty())
            paths.remove(removePath);
        else
            paths.insert(removePath, item);
    }
    if (!addPath.isEmpty()) {
        QJsonObject item = paths.value(addPath).toObject();
        item.insert(addMethod, QJsonObject{{QStringLiteral("responses"), QJsonObject()}});
        paths.insert(addPath, item);
    }
    document.insert(QStringLiteral("paths"), paths);

    HttpTestHarness http;
    QCOMPARE(mismatches(http.server().routes(), document), expected);
}

void OpenApiDocumentTest::serverGainingARouteIsNoticed()
{
    HttpTestHarness http;
    vs::RouteTable routes = http.server().routes();
    routes.add(QHttpServerRequest::Method::Get, QStringLiteral("/v1/users/{user}/history"),
               [](const vs::ApiRequest &, vs::Respond) {});
    QCOMPARE(mismatches(routes, QJsonDocument::fromJson(vs::OpenApiDocument::bytes()).object()),
             QStringList{
                 QStringLiteral("GET /v1/users/{user}/history is registered but not documented")});
}

void OpenApiDocumentTest::pathParametersMatchTemplates()
{
    const QJsonObject document = QJsonDocument::fromJson(vs::OpenApiDocument::bytes()).object();
    const QJsonObject paths = document.value(u"paths").toObject();
    static const QRegularExpression placeholder(QStringLiteral("\\{([^}]+)\\}"));
    for (auto path = paths.constBegin(); path != paths.constEnd(); ++path) {
        QSet<QString> inTemplate;
        for (const QRegularExpressionMatch &match : placeholder.globalMatch(path.key()))
            inTemplate.insert(match.captured(1));
        const QJsonObject item = path.value().toObject();
        for (const QString &method : operationKeys) {
            if (!item.contains(method))
                continue;
            QJsonArray parameters = item.value(u"parameters").toArray();
            for (const QJsonValue &parameter :
                 item.value(method).toObject().value(u"parameters").toArray())
                parameters.append(parameter);
            QSet<QString> declared;
            for (QJsonValue parameter : parameters) {
                if (parameter.toObject().contains(u"$ref"))
                    parameter = resolve(document, parameter.toObject().value(u"$ref").toString());
                const QJsonObject object = parameter.toObject();
                if (object.value(u"in").toString() == u"path") {
                    QVERIFY2(object.value(u"required").toBool(),
                             qPrintable(path.key() + u' ' + object.value(u"name").toString()));
                    declared.insert(object.value(u"name").toString());
                }
            }
            QVERIFY2(declared == inTemplate, qPrintable(method + u' ' + path.key()));
        }
    }
}

void OpenApiDocumentTest::referencesResolve()
{
    const QJsonObject document = QJsonDocument::fromJson(vs::OpenApiDocument::bytes()).object();
    QStringList references;
    collectReferences(document, references);
    QVERIFY(!references.isEmpty());
    for (const QString &reference : std::as_const(references))
        QVERIFY2(!resolve(document, reference).isUndefined(), qPrintable(reference));
    // The resolver itself must be able to fail, or this test proves nothing.
    QVERIFY(resolve(document, QStringLiteral("#/components/schemas/NoSuchSchema")).isUndefined());
}

void OpenApiDocumentTest::everyOperationDocumentsItsAnswers()
{
    const QJsonObject document = QJsonDocument::fromJson(vs::OpenApiDocument::bytes()).object();
    const QJsonObject paths = document.value(u"paths").toObject();
    QSet<QString> operationIds;
    for (auto path = paths.constBegin(); path != paths.constEnd(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (const QString &method : operationKeys) {
            if (!item.contains(method))
                continue;
            const QString where = method.toUpper() + u' ' + path.key();
            const QJsonObject operation = item.value(method).toObject();
            const QString operationId = operation.value(u"operationId").toString();
            QVERIFY2(!operationId.isEmpty(), qPrintable(where));
            QVERIFY2(!operationIds.contains(operationId), qPrintable(operationId));
            operationIds.insert(operationId);
            const QJsonObject responses = operation.value(u"responses").toObject();
            bool hasSuccess = false;
            for (auto response = responses.constBegin(); response != responses.constEnd();
                 ++response)
                hasSuccess = hasSuccess || response.key().startsWith(u'2');
            QVERIFY2(hasSuccess, qPrintable(where));
            // Any route answers 413 for an oversized body and 429 over the request rate, before
            // routing.
            QVERIFY2(responses.contains(u"413"), qPrintable(where));
            QVERIFY2(responses.contains(u"429"), qPrintable(where));
            // Whether a token is needed is stated for each operation; where one may be, 401 is
            // documented.
            QVERIFY2(operation.contains(u"security"), qPrintable(where));
            if (!operation.value(u"security").toArray().isEmpty())
                QVERIFY2(responses.contains(u"401"), qPrintable(where));
        }
    }
}

void OpenApiDocumentTest::servedAtOpenApiJson()
{
    HttpTestHarness http;
    QVERIFY(http.isListening());
    const auto reply = http.get(QStringLiteral("/openapi.json"));
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.contentType, QByteArray("application/json"));
    QCOMPARE(reply.body, vs::OpenApiDocument::bytes());
    QVERIFY(!reply.header("X-Request-Id").isEmpty());

    const auto wrongMethod = http.send("DELETE", QStringLiteral("/openapi.json"));
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.header("Allow"), QByteArray("GET"));
}

QTEST_GUILESS_MAIN(OpenApiDocumentTest)
#include "tst_OpenApiDocument.moc"
