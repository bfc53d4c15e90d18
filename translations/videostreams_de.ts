<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>MainWindow</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>default limit %1, %2 plan limit(s), TTL %3, at the limit: %4</source>
        <translation>Standardlimit %1, %2 Tariflimit(s), TTL %3, am Limit: %4</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>SeriesDecimator</name>
    <message>
        <source>Simulated time (s)</source>
        <translation>Simulierte Zeit (s)</translation>
    </message>
    <message>
        <source>Simulated time (min)</source>
        <translation>Simulierte Zeit (min)</translation>
    </message>
    <message>
        <source>Simulated time (h)</source>
        <translation>Simulierte Zeit (h)</translation>
    </message>
</context>
<context>
    <name>vs::ActiveStreamsModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Stream %1, started %2 UTC</source>
        <translation>Stream %1, gestartet um %2 UTC</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
</context>
<context>
    <name>vs::ChartsPanel</name>
    <message>
        <source>Active streams</source>
        <translation>Aktive Streams</translation>
    </message>
    <message>
        <source>Viewers watching</source>
        <translation>Zuschauer, die schauen</translation>
    </message>
    <message>
        <source>Capacity (users × limit)</source>
        <translation>Kapazität (Benutzer × Limit)</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>Streams</translation>
    </message>
    <message>
        <source>Streams the core counts as active, and viewers actually watching; the gap is leases of vanished players waiting to expire</source>
        <translation>Streams, die der Kern als aktiv zählt, und Zuschauer, die tatsächlich schauen; die Lücke sind Leases verschwundener Player, die noch ablaufen müssen</translation>
    </message>
    <message>
        <source>Starts and ends per second</source>
        <translation>Starts und Enden pro Sekunde</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>Zusagen</translation>
    </message>
    <message>
        <source>Denials</source>
        <translation>Ablehnungen</translation>
    </message>
    <message>
        <source>Expiries</source>
        <translation>Abläufe</translation>
    </message>
    <message>
        <source>Evictions</source>
        <translation>Verdrängungen</translation>
    </message>
    <message>
        <source>Per simulated second</source>
        <translation>Pro simulierter Sekunde</translation>
    </message>
    <message>
        <source>Streams granted, starts denied at the limit, leases expired and streams evicted, per second of simulated time</source>
        <translation>Zugesagte Streams, am Limit abgelehnte Starts, abgelaufene Leases und verdrängte Streams pro Sekunde simulierter Zeit</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Milliseconds</source>
        <translation>Millisekunden</translation>
    </message>
    <message>
        <source>Measured from when each request was meant to be sent (no coordinated omission); HTTP targets only, the embedded core answers in zero simulated time</source>
        <translation>Gemessen ab dem Zeitpunkt, zu dem jede Anfrage gesendet werden sollte (ohne Coordinated Omission); nur bei HTTP-Zielen, der eingebettete Kern antwortet in null simulierter Zeit</translation>
    </message>
    <message>
        <source>Users by active streams</source>
        <translation>Benutzer nach aktiven Streams</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Active streams held</source>
        <translation>Gehaltene aktive Streams</translation>
    </message>
    <message>
        <source>How many users hold 0, 1, 2, … streams right now</source>
        <translation>Wie viele Benutzer gerade 0, 1, 2, … Streams halten</translation>
    </message>
    <message>
        <source>Request latency</source>
        <translation>Anfragelatenz</translation>
    </message>
    <message>
        <source>Active streams (capacity %1)</source>
        <translation>Aktive Streams (Kapazität %1)</translation>
    </message>
    <message>
        <source>Request latency (measured for HTTP targets)</source>
        <translation>Anfragelatenz (gemessen bei HTTP-Zielen)</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
</context>
<context>
    <name>vs::EventLogPanel</name>
    <message>
        <source>Denials, evictions and errors as they happen (simulated time, UTC)</source>
        <translation>Ablehnungen, Verdrängungen und Fehler, sobald sie auftreten (simulierte Zeit, UTC)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Remove every line from the log</source>
        <translation>Alle Zeilen aus dem Protokoll entfernen</translation>
    </message>
    <message>
        <source>Keeps the last %1 lines</source>
        <translation>Behält die letzten %1 Zeilen</translation>
    </message>
    <message>
        <source>%1  denied   %2 → %3 (limit %4)</source>
        <translation>%1  abgelehnt %2 → %3 (Limit %4)</translation>
    </message>
    <message>
        <source>%1  evicted  %2 → %3 (oldest stream)</source>
        <translation>%1  verdrängt %2 → %3 (ältester Stream)</translation>
    </message>
    <message>
        <source>%1  … and %2 more denials, %3 more evictions (not listed)</source>
        <translation>%1  … und %2 weitere Ablehnungen, %3 weitere Verdrängungen (nicht aufgeführt)</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
</context>
<context>
    <name>vs::MainWindow</name>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Server: off</source>
        <translation>Server: aus</translation>
    </message>
    <message>
        <source>Ready. Press Start (F5) to run the scenario.</source>
        <translation>Bereit. Drücken Sie Starten (F5), um das Szenario auszuführen.</translation>
    </message>
    <message>
        <source>JSON report (*.json)</source>
        <translation>JSON-Bericht (*.json)</translation>
    </message>
    <message>
        <source>CSV, one line per simulated second (*.csv)</source>
        <translation>CSV, eine Zeile pro simulierter Sekunde (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Scenario…</source>
        <translation>Szenario ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save Scenario</source>
        <translation>Szenario &amp;speichern</translation>
    </message>
    <message>
        <source>Save Scenario &amp;As…</source>
        <translation>Szenario speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Export Report as &amp;JSON…</source>
        <translation>Bericht als &amp;JSON exportieren…</translation>
    </message>
    <message>
        <source>Export Report as &amp;CSV…</source>
        <translation>Bericht als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <source>Export Charts as &amp;PNG…</source>
        <translation>Diagramme als &amp;PNG exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Lauf</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;API Documentation</source>
        <translation>&amp;API-Dokumentation</translation>
    </message>
    <message>
        <source>&amp;About VideoStreams</source>
        <translation>Ü&amp;ber VideoStreams</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>Server and policy</source>
        <translation>Server und Richtlinie</translation>
    </message>
    <message>
        <source>Active streams</source>
        <translation>Aktive Streams</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <source>State of the run</source>
        <translation>Zustand des Laufs</translation>
    </message>
    <message>
        <source>Simulated time so far, of the scenario&apos;s duration, and the current speed</source>
        <translation>Bisher simulierte Zeit, von der Dauer des Szenarios, und die aktuelle Geschwindigkeit</translation>
    </message>
    <message>
        <source>Streams active in the core now</source>
        <translation>Derzeit im Kern aktive Streams</translation>
    </message>
    <message>
        <source>Streams granted in the last simulated second</source>
        <translation>In der letzten simulierten Sekunde zugesagte Streams</translation>
    </message>
    <message>
        <source>Starts denied in the last simulated second</source>
        <translation>In der letzten simulierten Sekunde abgelehnte Starts</translation>
    </message>
    <message>
        <source>The embedded HTTP server</source>
        <translation>Der eingebettete HTTP-Server</translation>
    </message>
    <message>
        <source>the simulation&apos;s core (clock: simulated time)</source>
        <translation>der Kern der Simulation (Uhr: simulierte Zeit)</translation>
    </message>
    <message>
        <source>a standalone core (clock: system time)</source>
        <translation>ein eigenständiger Kern (Uhr: Systemzeit)</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>first look</source>
        <translation>erster Eindruck</translation>
    </message>
    <message>
        <source>Policy: %1</source>
        <translation>Richtlinie: %1</translation>
    </message>
    <message>
        <source>population.plan_mix: the plan &quot;%1&quot; is listed twice</source>
        <translation>population.plan_mix: der Tarif „%1“ ist doppelt aufgeführt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Opened scenario &quot;%1&quot; from %2</source>
        <translation>Szenario „%1“ aus %2 geöffnet</translation>
    </message>
    <message>
        <source>The scenario is not valid: %1</source>
        <translation>Das Szenario ist ungültig: %1</translation>
    </message>
    <message>
        <source>Saved the scenario to %1</source>
        <translation>Szenario in %1 gespeichert</translation>
    </message>
    <message>
        <source>There is no report yet: run the scenario first.</source>
        <translation>Es gibt noch keinen Bericht: Führen Sie zuerst das Szenario aus.</translation>
    </message>
    <message>
        <source>cannot write the image to %1</source>
        <translation>das Bild kann nicht nach %1 geschrieben werden</translation>
    </message>
    <message>
        <source>The scenario cannot run: %1</source>
        <translation>Das Szenario kann nicht laufen: %1</translation>
    </message>
    <message>
        <source>Started &quot;%1&quot;: %2 users for %3 of simulated time, %4</source>
        <translation>„%1“ gestartet: %2 Benutzer für %3 simulierte Zeit, %4</translation>
    </message>
    <message>
        <source>against %1</source>
        <translation>gegen %1</translation>
    </message>
    <message>
        <source>on the embedded core</source>
        <translation>auf dem eingebetteten Kern</translation>
    </message>
    <message>
        <source>Reset: a fresh core and empty charts</source>
        <translation>Zurückgesetzt: ein frischer Kern und leere Diagramme</translation>
    </message>
    <message>
        <source>Applied the policy: %1</source>
        <translation>Richtlinie angewendet: %1</translation>
    </message>
    <message>
        <source>Policy applied to the running core</source>
        <translation>Richtlinie auf den laufenden Kern angewendet</translation>
    </message>
    <message>
        <source>, %1x</source>
        <translation>, %1×</translation>
    </message>
    <message>
        <source>%1 of %2%3</source>
        <translation>%1 von %2%3</translation>
    </message>
    <message>
        <source>Active: %1</source>
        <translation>Aktiv: %1</translation>
    </message>
    <message>
        <source>Grants/s: %1</source>
        <translation>Zusagen/s: %1</translation>
    </message>
    <message>
        <source>Denials/s: %1</source>
        <translation>Ablehnungen/s: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) failed</source>
        <translation>
            <numerusform>%n Anfrage fehlgeschlagen</numerusform>
            <numerusform>%n Anfragen fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation>Der Lauf ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Run %1 after %2: %3 grants, %4 denials (%5%), %6 expiries, %7 evictions, peak %8 active</source>
        <translation>Lauf %1 nach %2: %3 Zusagen, %4 Ablehnungen (%5 %), %6 Abläufe, %7 Verdrängungen, Spitze %8 aktiv</translation>
    </message>
    <message>
        <source>; thresholds passed</source>
        <translation>; Schwellenwerte eingehalten</translation>
    </message>
    <message>
        <source>; thresholds FAILED</source>
        <translation>; Schwellenwerte NICHT eingehalten</translation>
    </message>
    <message>
        <source>VideoStreams</source>
        <translation>VideoStreams</translation>
    </message>
    <message>
        <source>%1 — VideoStreams</source>
        <translation>%1 — VideoStreams</translation>
    </message>
    <message>
        <source>Open Scenario</source>
        <translation>Szenario öffnen</translation>
    </message>
    <message>
        <source>Scenario files (*.json);;All files (*)</source>
        <translation>Szenariodateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save Scenario</source>
        <translation>Szenario speichern</translation>
    </message>
    <message>
        <source>Scenario files (*.json)</source>
        <translation>Szenariodateien (*.json)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>(server off)</source>
        <translation>(Server aus)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;VideoStreams HTTP API&lt;/h3&gt;&lt;p&gt;Served by this app at &lt;b&gt;%1&lt;/b&gt; when the embedded server is on. Errors are &lt;code&gt;application/problem+json&lt;/code&gt;; the original two calls answer byte for byte as the original service did.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;VideoStreams-HTTP-API&lt;/h3&gt;&lt;p&gt;Von dieser App unter &lt;b&gt;%1&lt;/b&gt; bereitgestellt, wenn der eingebettete Server läuft. Fehler sind &lt;code&gt;application/problem+json&lt;/code&gt;; die beiden ursprünglichen Aufrufe antworten Byte für Byte wie der ursprüngliche Dienst.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The full description (OpenAPI 3: every parameter, schema, example and error): &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die vollständige Beschreibung (OpenAPI 3: jeder Parameter, jedes Schema, Beispiel und jeder Fehler): &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The full description (OpenAPI 3: every parameter, schema, example and error) is served at &lt;code&gt;/openapi.json&lt;/code&gt; while the server is on, and can be saved from here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die vollständige Beschreibung (OpenAPI 3: jeder Parameter, jedes Schema, Beispiel und jeder Fehler) wird unter &lt;code&gt;/openapi.json&lt;/code&gt; bereitgestellt, solange der Server läuft, und kann hier gespeichert werden.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Example: &lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Beispiel: &lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>API Documentation</source>
        <translation>API-Dokumentation</translation>
    </message>
    <message>
        <source>Save OpenAPI Document…</source>
        <translation>OpenAPI-Dokument speichern…</translation>
    </message>
    <message>
        <source>Save OpenAPI Document</source>
        <translation>OpenAPI-Dokument speichern</translation>
    </message>
    <message>
        <source>OpenAPI document (*.json)</source>
        <translation>OpenAPI-Dokument (*.json)</translation>
    </message>
    <message>
        <source>Saved the OpenAPI document to %1</source>
        <translation>OpenAPI-Dokument in %1 gespeichert</translation>
    </message>
    <message>
        <source>About VideoStreams</source>
        <translation>Über VideoStreams</translation>
    </message>
    <message>
        <source>&lt;h3&gt;VideoStreams %1&lt;/h3&gt;&lt;p&gt;Limit how many videos one account watches at once, and see before launch how a limit and lease TTL will feel to viewers.&lt;/p&gt;&lt;p&gt;An embeddable stream-limit core, its HTTP API, and a simulator that replays hours of traffic in seconds.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;VideoStreams %1&lt;/h3&gt;&lt;p&gt;Begrenzen Sie, wie viele Videos ein Konto gleichzeitig ansieht, und sehen Sie vor dem Start, wie sich ein Limit und eine Lease-TTL für Zuschauer anfühlen.&lt;/p&gt;&lt;p&gt;Ein einbettbarer Kern zur Stream-Begrenzung, seine HTTP-API und ein Simulator, der Stunden an Verkehr in Sekunden abspielt.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>vs::PolicyEditor</name>
    <message>
        <source>Default &amp;limit:</source>
        <translation>Standard&amp;limit:</translation>
    </message>
    <message>
        <source>Streams a user may hold at once, unless their plan or an override says otherwise</source>
        <translation>Streams, die ein Benutzer gleichzeitig halten darf, sofern sein Tarif oder eine Ausnahme nichts anderes festlegt</translation>
    </message>
    <message>
        <source>Lease &amp;TTL:</source>
        <translation>Lease-&amp;TTL:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>never expire</source>
        <translation>laufen nie ab</translation>
    </message>
    <message>
        <source>A stream without a heartbeat for this long stops counting (0: never)</source>
        <translation>Ein Stream ohne Heartbeat für diese Dauer zählt nicht mehr (0: nie)</translation>
    </message>
    <message>
        <source>At the li&amp;mit:</source>
        <translation>Am Li&amp;mit:</translation>
    </message>
    <message>
        <source>Reject the new stream</source>
        <translation>Den neuen Stream ablehnen</translation>
    </message>
    <message>
        <source>Evict the oldest stream</source>
        <translation>Den ältesten Stream verdrängen</translation>
    </message>
    <message>
        <source>What happens when a user at the limit starts another video</source>
        <translation>Was passiert, wenn ein Benutzer am Limit ein weiteres Video startet</translation>
    </message>
    <message>
        <source>Plan limits (win over the default):</source>
        <translation>Tariflimits (haben Vorrang vor dem Standard):</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Limits by plan; they win over the default limit</source>
        <translation>Limits nach Tarif; sie haben Vorrang vor dem Standardlimit</translation>
    </message>
    <message>
        <source>&amp;Apply to the core</source>
        <translation>Auf den Kern &amp;anwenden</translation>
    </message>
    <message>
        <source>Apply this policy to the running core now; HTTP clients see it at once</source>
        <translation>Diese Richtlinie jetzt auf den laufenden Kern anwenden; HTTP-Clients sehen sie sofort</translation>
    </message>
    <message numerus="yes">
        <source>%n per-user override(s) from the scenario are kept.</source>
        <translation>
            <numerusform>%n benutzerspezifische Ausnahme aus dem Szenario bleibt erhalten.</numerusform>
            <numerusform>%n benutzerspezifische Ausnahmen aus dem Szenario bleiben erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Plan &quot;%1&quot;: %2</source>
        <translation>Tarif „%1“: %2</translation>
    </message>
    <message>
        <source>Plan &quot;%1&quot; is listed twice</source>
        <translation>Der Tarif „%1“ ist doppelt aufgeführt</translation>
    </message>
    <message>
        <source>Plan &quot;%1&quot;: the limit must be between 0 and %2</source>
        <translation>Tarif „%1“: Das Limit muss zwischen 0 und %2 liegen</translation>
    </message>
</context>
<context>
    <name>vs::RunControls</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start a run of the scenario (F5)</source>
        <translation>Einen Lauf des Szenarios starten (F5)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Pause the run; simulated time stands still (F6)</source>
        <translation>Den Lauf pausieren; die simulierte Zeit steht still (F6)</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Resume a paused run (F7)</source>
        <translation>Einen pausierten Lauf fortsetzen (F7)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>End the run here; the report covers the time so far (Shift+F5)</source>
        <translation>Den Lauf hier beenden; der Bericht umfasst die Zeit bis jetzt (Umschalt+F5)</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Back to the start with a fresh core and empty charts (Ctrl+R)</source>
        <translation>Zurück zum Anfang mit einem frischen Kern und leeren Diagrammen (Strg+R)</translation>
    </message>
    <message>
        <source>Embedded core</source>
        <translation>Eingebetteter Kern</translation>
    </message>
    <message>
        <source>HTTP endpoint</source>
        <translation>HTTP-Endpunkt</translation>
    </message>
    <message>
        <source>Run against this app&apos;s own core, or any VideoStreams endpoint over HTTP (real time)</source>
        <translation>Gegen den eigenen Kern dieser App laufen oder gegen einen beliebigen VideoStreams-Endpunkt über HTTP (Echtzeit)</translation>
    </message>
    <message>
        <source>The base URL of the VideoStreams endpoint to load</source>
        <translation>Die Basis-URL des VideoStreams-Endpunkts, der belastet wird</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <source>Simulated seconds per wall second, in virtual time</source>
        <translation>Simulierte Sekunden pro echter Sekunde, in virtueller Zeit</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>so schnell wie möglich</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Geschwindigkeit:</translation>
    </message>
    <message>
        <source>%1x</source>
        <translation>%1×</translation>
    </message>
</context>
<context>
    <name>vs::ScenarioPanel</name>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Load one of the scenarios that ship with VideoStreams</source>
        <translation>Eines der mit VideoStreams gelieferten Szenarien laden</translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation>Vorlagen…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Open a scenario file (Ctrl+O)</source>
        <translation>Eine Szenariodatei öffnen (Strg+O)</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save the scenario to a file (Ctrl+S)</source>
        <translation>Das Szenario in einer Datei speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>A name for the scenario; it appears in reports</source>
        <translation>Ein Name für das Szenario; er erscheint in Berichten</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;eed:</translation>
    </message>
    <message>
        <source>The same seed gives the same run, event for event</source>
        <translation>Derselbe Seed ergibt denselben Lauf, Ereignis für Ereignis</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How much simulated time the run covers</source>
        <translation>Wie viel simulierte Zeit der Lauf abdeckt</translation>
    </message>
    <message>
        <source>&amp;Clock:</source>
        <translation>&amp;Uhr:</translation>
    </message>
    <message>
        <source>Virtual (as fast as allowed)</source>
        <translation>Virtuell (so schnell wie erlaubt)</translation>
    </message>
    <message>
        <source>Real time</source>
        <translation>Echtzeit</translation>
    </message>
    <message>
        <source>Virtual time replays hours in seconds; real time follows the wall clock (required for HTTP targets)</source>
        <translation>Virtuelle Zeit spielt Stunden in Sekunden ab; Echtzeit folgt der Uhr an der Wand (nötig für HTTP-Ziele)</translation>
    </message>
    <message>
        <source>Viewers</source>
        <translation>Zuschauer</translation>
    </message>
    <message>
        <source>&amp;Users:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>How many simulated user accounts</source>
        <translation>Wie viele simulierte Benutzerkonten</translation>
    </message>
    <message>
        <source>Plan mix (share of users per plan):</source>
        <translation>Tarifmix (Anteil der Benutzer je Tarif):</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Share %</source>
        <translation>Anteil %</translation>
    </message>
    <message>
        <source>Which share of the users has which plan; the shares add up to 100%. Empty: no plans</source>
        <translation>Welcher Anteil der Benutzer welchen Tarif hat; die Anteile ergeben zusammen 100 %. Leer: keine Tarife</translation>
    </message>
    <message>
        <source>Arrivals</source>
        <translation>Ankünfte</translation>
    </message>
    <message>
        <source>Starts per user per &amp;hour:</source>
        <translation>Starts pro Benutzer und &amp;Stunde:</translation>
    </message>
    <message>
        <source>How often each user starts a video, per hour</source>
        <translation>Wie oft jeder Benutzer pro Stunde ein Video startet</translation>
    </message>
    <message>
        <source>Stages (rate multiplier until a time):</source>
        <translation>Phasen (Ratenmultiplikator bis zu einem Zeitpunkt):</translation>
    </message>
    <message>
        <source>Until (s)</source>
        <translation>Bis (s)</translation>
    </message>
    <message>
        <source>Rate ×</source>
        <translation>Rate ×</translation>
    </message>
    <message>
        <source>Ramp the arrival rate: the multiplier holds from the previous stage&apos;s end until this time</source>
        <translation>Die Ankunftsrate staffeln: Der Multiplikator gilt vom Ende der vorigen Phase bis zu diesem Zeitpunkt</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>&amp;Videos:</source>
        <translation>&amp;Videos:</translation>
    </message>
    <message>
        <source>How many different videos there are</source>
        <translation>Wie viele verschiedene Videos es gibt</translation>
    </message>
    <message>
        <source>Po&amp;pularity:</source>
        <translation>&amp;Popularität:</translation>
    </message>
    <message>
        <source>Uniform</source>
        <translation>Gleichverteilt</translation>
    </message>
    <message>
        <source>Zipf (few hits, long tail)</source>
        <translation>Zipf (wenige Hits, langer Schwanz)</translation>
    </message>
    <message>
        <source>How viewers pick a video</source>
        <translation>Wie Zuschauer ein Video auswählen</translation>
    </message>
    <message>
        <source>Zipf e&amp;xponent:</source>
        <translation>Zipf-E&amp;xponent:</translation>
    </message>
    <message>
        <source>Zipf exponent: higher means the top videos get more of the views</source>
        <translation>Zipf-Exponent: Je höher, desto mehr Aufrufe erhalten die Top-Videos</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>Zuschauen</translation>
    </message>
    <message>
        <source>&amp;Watch time:</source>
        <translation>&amp;Zuschauzeit:</translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation>Exponentiell</translation>
    </message>
    <message>
        <source>Log-normal</source>
        <translation>Log-normal</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Fest</translation>
    </message>
    <message>
        <source>How long viewers keep watching</source>
        <translation>Wie lange Zuschauer dranbleiben</translation>
    </message>
    <message>
        <source>&amp;Mean:</source>
        <translation>&amp;Mittelwert:</translation>
    </message>
    <message>
        <source>The mean watching time</source>
        <translation>Die mittlere Zuschauzeit</translation>
    </message>
    <message>
        <source>Si&amp;gma:</source>
        <translation>Si&amp;gma:</translation>
    </message>
    <message>
        <source>Log-normal only: the spread (sigma of the underlying normal)</source>
        <translation>Nur log-normal: die Streuung (Sigma der zugrunde liegenden Normalverteilung)</translation>
    </message>
    <message>
        <source>&amp;Heartbeat every:</source>
        <translation>&amp;Heartbeat alle:</translation>
    </message>
    <message>
        <source>How often a player renews its stream&apos;s lease</source>
        <translation>Wie oft ein Player die Lease seines Streams erneuert</translation>
    </message>
    <message>
        <source>Abandon:</source>
        <translation>Abbruch:</translation>
    </message>
    <message>
        <source>Share of viewers who vanish without stopping (crashed players): their leases must expire</source>
        <translation>Anteil der Zuschauer, die ohne Stoppen verschwinden (abgestürzte Player): ihre Leases müssen ablaufen</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>When denied</source>
        <translation>Bei Ablehnung</translation>
    </message>
    <message>
        <source>A&amp;ttempts:</source>
        <translation>&amp;Versuche:</translation>
    </message>
    <message>
        <source>Attempts per viewer, the first included (1: never retry)</source>
        <translation>Versuche pro Zuschauer, den ersten eingeschlossen (1: nie wiederholen)</translation>
    </message>
    <message>
        <source>&amp;Backoff:</source>
        <translation>&amp;Wartezeit:</translation>
    </message>
    <message>
        <source>The wait before the first retry; it doubles for each further one</source>
        <translation>Die Wartezeit vor der ersten Wiederholung; sie verdoppelt sich bei jeder weiteren</translation>
    </message>
    <message>
        <source>HTTP target</source>
        <translation>HTTP-Ziel</translation>
    </message>
    <message>
        <source>C&amp;onnections:</source>
        <translation>Verbi&amp;ndungen:</translation>
    </message>
    <message>
        <source>Keep-alive connections to the endpoint</source>
        <translation>Keep-alive-Verbindungen zum Endpunkt</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>Zeit&amp;limit:</translation>
    </message>
    <message>
        <source>A request without an answer by then counts as an error</source>
        <translation>Eine Anfrage ohne Antwort bis dahin zählt als Fehler</translation>
    </message>
    <message>
        <source>Pass/fail thresholds</source>
        <translation>Schwellenwerte für Bestehen/Scheitern</translation>
    </message>
    <message>
        <source>Fail the run when this is exceeded</source>
        <translation>Den Lauf als gescheitert werten, wenn dies überschritten wird</translation>
    </message>
    <message>
        <source>Denial ratio</source>
        <translation>Ablehnungsquote</translation>
    </message>
    <message>
        <source>Largest share of start attempts that may be denied</source>
        <translation>Größter Anteil an Startversuchen, der abgelehnt werden darf</translation>
    </message>
    <message>
        <source>Latency p99</source>
        <translation>Latenz p99</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Largest p99 request latency</source>
        <translation>Größte p99-Anfragelatenz</translation>
    </message>
    <message>
        <source>Error ratio</source>
        <translation>Fehlerquote</translation>
    </message>
    <message>
        <source>Largest share of requests that may fail</source>
        <translation>Größter Anteil an Anfragen, der fehlschlagen darf</translation>
    </message>
    <message>
        <source>Limit violations</source>
        <translation>Limitverletzungen</translation>
    </message>
    <message>
        <source>Times a user may be seen above their limit</source>
        <translation>Wie oft ein Benutzer über seinem Limit gesehen werden darf</translation>
    </message>
</context>
<context>
    <name>vs::ServerPanel</name>
    <message>
        <source>Copied the curl command</source>
        <translation>curl-Befehl kopiert</translation>
    </message>
    <message>
        <source>&amp;Serve the HTTP API</source>
        <translation>HTTP-API &amp;bereitstellen</translation>
    </message>
    <message>
        <source>Answer the VideoStreams HTTP API from this app&apos;s core</source>
        <translation>Die VideoStreams-HTTP-API aus dem Kern dieser App beantworten</translation>
    </message>
    <message>
        <source>The address to listen on; 127.0.0.1 keeps it on this machine</source>
        <translation>Die Adresse, auf der gelauscht wird; 127.0.0.1 hält sie auf diesem Rechner</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>The TCP port (0: let the system pick a free one)</source>
        <translation>Der TCP-Port (0: das System wählt einen freien)</translation>
    </message>
    <message>
        <source>Try the server from a terminal</source>
        <translation>Probieren Sie den Server in einem Terminal aus</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the curl command to the clipboard</source>
        <translation>Den curl-Befehl in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Embedded server</source>
        <translation>Eingebetteter Server</translation>
    </message>
    <message>
        <source>Live policy</source>
        <translation>Live-Richtlinie</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Core:</source>
        <translation>Kern:</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>Anfragen:</translation>
    </message>
    <message>
        <source>Try it:</source>
        <translation>Ausprobieren:</translation>
    </message>
    <message>
        <source>no core to serve</source>
        <translation>kein Kern zum Bereitstellen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address</source>
        <translation>„%1“ ist keine IP-Adresse</translation>
    </message>
    <message>
        <source>cannot listen</source>
        <translation>Lauschen nicht möglich</translation>
    </message>
    <message>
        <source>Serving the HTTP API on %1</source>
        <translation>HTTP-API wird unter %1 bereitgestellt</translation>
    </message>
    <message>
        <source>The embedded server could not start: %1</source>
        <translation>Der eingebettete Server konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Stopped the embedded server</source>
        <translation>Eingebetteter Server gestoppt</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Lauscht auf %1</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Off: %1</source>
        <translation>Aus: %1</translation>
    </message>
    <message>
        <source>(start the server to get a curl example)</source>
        <translation>(starten Sie den Server, um ein curl-Beispiel zu erhalten)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1/s (%2 in total)</source>
        <translation>%1/s (%2 insgesamt)</translation>
    </message>
</context>
<context>
    <name>vs::StreamsPanel</name>
    <message>
        <source>Filter by user, video or device</source>
        <translation>Nach Benutzer, Video oder Gerät filtern</translation>
    </message>
    <message>
        <source>Show only the streams whose user, video or device contains this text</source>
        <translation>Nur die Streams zeigen, deren Benutzer, Video oder Gerät diesen Text enthält</translation>
    </message>
    <message>
        <source>Streams active in the embedded core (simulated time, UTC)</source>
        <translation>Im eingebetteten Kern aktive Streams (simulierte Zeit, UTC)</translation>
    </message>
    <message>
        <source>&amp;Stop selected</source>
        <translation>Auswahl &amp;stoppen</translation>
    </message>
    <message>
        <source>End the selected streams in the core, as a client&apos;s stop would (Del)</source>
        <translation>Die ausgewählten Streams im Kern beenden, wie es der Stopp eines Clients täte (Entf)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>List the active streams again now</source>
        <translation>Die aktiven Streams jetzt neu auflisten</translation>
    </message>
    <message numerus="yes">
        <source>Stopped %n stream(s) from the table</source>
        <translation>
            <numerusform>%n Stream aus der Tabelle gestoppt</numerusform>
            <numerusform>%n Streams aus der Tabelle gestoppt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 streams</source>
        <translation>%1 Streams</translation>
    </message>
    <message>
        <source>%1 of %2 streams</source>
        <translation>%1 von %2 Streams</translation>
    </message>
    <message>
        <source> (first %1)</source>
        <translation> (erste %1)</translation>
    </message>
</context>
<context>
    <name>vs::TableEditor</name>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>Eine Zeile hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected row</source>
        <translation>Die ausgewählte Zeile entfernen</translation>
    </message>
</context>
</TS>
