<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>MainWindow</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
    <message>
        <source>default limit %1, %2 plan limit(s), TTL %3, at the limit: %4</source>
        <translation>default limit %1, %2 plan limit(s), TTL %3, at the limit: %4</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
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
        <translation>Simulated time (s)</translation>
    </message>
    <message>
        <source>Simulated time (min)</source>
        <translation>Simulated time (min)</translation>
    </message>
    <message>
        <source>Simulated time (h)</source>
        <translation>Simulated time (h)</translation>
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
        <translation>never</translation>
    </message>
    <message>
        <source>Stream %1, started %2 UTC</source>
        <translation>Stream %1, started %2 UTC</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expires</translation>
    </message>
</context>
<context>
    <name>vs::ChartsPanel</name>
    <message>
        <source>Active streams</source>
        <translation>Active streams</translation>
    </message>
    <message>
        <source>Viewers watching</source>
        <translation>Viewers watching</translation>
    </message>
    <message>
        <source>Capacity (users × limit)</source>
        <translation>Capacity (users × limit)</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>Streams</translation>
    </message>
    <message>
        <source>Streams the core counts as active, and viewers actually watching; the gap is leases of vanished players waiting to expire</source>
        <translation>Streams the core counts as active, and viewers actually watching; the gap is leases of vanished players waiting to expire</translation>
    </message>
    <message>
        <source>Starts and ends per second</source>
        <translation>Starts and ends per second</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>Grants</translation>
    </message>
    <message>
        <source>Denials</source>
        <translation>Denials</translation>
    </message>
    <message>
        <source>Expiries</source>
        <translation>Expiries</translation>
    </message>
    <message>
        <source>Evictions</source>
        <translation>Evictions</translation>
    </message>
    <message>
        <source>Per simulated second</source>
        <translation>Per simulated second</translation>
    </message>
    <message>
        <source>Streams granted, starts denied at the limit, leases expired and streams evicted, per second of simulated time</source>
        <translation>Streams granted, starts denied at the limit, leases expired and streams evicted, per second of simulated time</translation>
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
        <translation>Milliseconds</translation>
    </message>
    <message>
        <source>Measured from when each request was meant to be sent (no coordinated omission); HTTP targets only, the embedded core answers in zero simulated time</source>
        <translation>Measured from when each request was meant to be sent (no coordinated omission); HTTP targets only, the embedded core answers in zero simulated time</translation>
    </message>
    <message>
        <source>Users by active streams</source>
        <translation>Users by active streams</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Active streams held</source>
        <translation>Active streams held</translation>
    </message>
    <message>
        <source>How many users hold 0, 1, 2, … streams right now</source>
        <translation>How many users hold 0, 1, 2, … streams right now</translation>
    </message>
    <message>
        <source>Request latency</source>
        <translation>Request latency</translation>
    </message>
    <message>
        <source>Active streams (capacity %1)</source>
        <translation>Active streams (capacity %1)</translation>
    </message>
    <message>
        <source>Request latency (measured for HTTP targets)</source>
        <translation>Request latency (measured for HTTP targets)</translation>
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
        <translation>Denials, evictions and errors as they happen (simulated time, UTC)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Remove every line from the log</source>
        <translation>Remove every line from the log</translation>
    </message>
    <message>
        <source>Keeps the last %1 lines</source>
        <translation>Keeps the last %1 lines</translation>
    </message>
    <message>
        <source>%1  denied   %2 → %3 (limit %4)</source>
        <translation>%1  denied   %2 → %3 (limit %4)</translation>
    </message>
    <message>
        <source>%1  evicted  %2 → %3 (oldest stream)</source>
        <translation>%1  evicted  %2 → %3 (oldest stream)</translation>
    </message>
    <message>
        <source>%1  … and %2 more denials, %3 more evictions (not listed)</source>
        <translation>%1  … and %2 more denials, %3 more evictions (not listed)</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>error: %1</translation>
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
        <translation>Server: off</translation>
    </message>
    <message>
        <source>Ready. Press Start (F5) to run the scenario.</source>
        <translation>Ready. Press Start (F5) to run the scenario.</translation>
    </message>
    <message>
        <source>JSON report (*.json)</source>
        <translation>JSON report (*.json)</translation>
    </message>
    <message>
        <source>CSV, one line per simulated second (*.csv)</source>
        <translation>CSV, one line per simulated second (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Open Scenario…</source>
        <translation>&amp;Open Scenario…</translation>
    </message>
    <message>
        <source>&amp;Save Scenario</source>
        <translation>&amp;Save Scenario</translation>
    </message>
    <message>
        <source>Save Scenario &amp;As…</source>
        <translation>Save Scenario &amp;As…</translation>
    </message>
    <message>
        <source>Export Report as &amp;JSON…</source>
        <translation>Export Report as &amp;JSON…</translation>
    </message>
    <message>
        <source>Export Report as &amp;CSV…</source>
        <translation>Export Report as &amp;CSV…</translation>
    </message>
    <message>
        <source>Export Charts as &amp;PNG…</source>
        <translation>Export Charts as &amp;PNG…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Run</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Full Screen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;API Documentation</source>
        <translation>&amp;API Documentation</translation>
    </message>
    <message>
        <source>&amp;About VideoStreams</source>
        <translation>&amp;About VideoStreams</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>About &amp;Qt</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <source>Server and policy</source>
        <translation>Server and policy</translation>
    </message>
    <message>
        <source>Active streams</source>
        <translation>Active streams</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Event log</translation>
    </message>
    <message>
        <source>State of the run</source>
        <translation>State of the run</translation>
    </message>
    <message>
        <source>Simulated time so far, of the scenario&apos;s duration, and the current speed</source>
        <translation>Simulated time so far, of the scenario&apos;s duration, and the current speed</translation>
    </message>
    <message>
        <source>Streams active in the core now</source>
        <translation>Streams active in the core now</translation>
    </message>
    <message>
        <source>Streams granted in the last simulated second</source>
        <translation>Streams granted in the last simulated second</translation>
    </message>
    <message>
        <source>Starts denied in the last simulated second</source>
        <translation>Starts denied in the last simulated second</translation>
    </message>
    <message>
        <source>The embedded HTTP server</source>
        <translation>The embedded HTTP server</translation>
    </message>
    <message>
        <source>the simulation&apos;s core (clock: simulated time)</source>
        <translation>the simulation&apos;s core (clock: simulated time)</translation>
    </message>
    <message>
        <source>a standalone core (clock: system time)</source>
        <translation>a standalone core (clock: system time)</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>idle</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>finished</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>first look</source>
        <translation>first look</translation>
    </message>
    <message>
        <source>Policy: %1</source>
        <translation>Policy: %1</translation>
    </message>
    <message>
        <source>population.plan_mix: the plan &quot;%1&quot; is listed twice</source>
        <translation>population.plan_mix: the plan &quot;%1&quot; is listed twice</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Opened scenario &quot;%1&quot; from %2</source>
        <translation>Opened scenario &quot;%1&quot; from %2</translation>
    </message>
    <message>
        <source>The scenario is not valid: %1</source>
        <translation>The scenario is not valid: %1</translation>
    </message>
    <message>
        <source>Saved the scenario to %1</source>
        <translation>Saved the scenario to %1</translation>
    </message>
    <message>
        <source>There is no report yet: run the scenario first.</source>
        <translation>There is no report yet: run the scenario first.</translation>
    </message>
    <message>
        <source>cannot write the image to %1</source>
        <translation>cannot write the image to %1</translation>
    </message>
    <message>
        <source>The scenario cannot run: %1</source>
        <translation>The scenario cannot run: %1</translation>
    </message>
    <message>
        <source>Started &quot;%1&quot;: %2 users for %3 of simulated time, %4</source>
        <translation>Started &quot;%1&quot;: %2 users for %3 of simulated time, %4</translation>
    </message>
    <message>
        <source>against %1</source>
        <translation>against %1</translation>
    </message>
    <message>
        <source>on the embedded core</source>
        <translation>on the embedded core</translation>
    </message>
    <message>
        <source>Reset: a fresh core and empty charts</source>
        <translation>Reset: a fresh core and empty charts</translation>
    </message>
    <message>
        <source>Applied the policy: %1</source>
        <translation>Applied the policy: %1</translation>
    </message>
    <message>
        <source>Policy applied to the running core</source>
        <translation>Policy applied to the running core</translation>
    </message>
    <message>
        <source>, %1x</source>
        <translation>, %1x</translation>
    </message>
    <message>
        <source>%1 of %2%3</source>
        <translation>%1 of %2%3</translation>
    </message>
    <message>
        <source>Active: %1</source>
        <translation>Active: %1</translation>
    </message>
    <message>
        <source>Grants/s: %1</source>
        <translation>Grants/s: %1</translation>
    </message>
    <message>
        <source>Denials/s: %1</source>
        <translation>Denials/s: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) failed</source>
        <translation>
            <numerusform>%n request failed</numerusform>
            <numerusform>%n requests failed</numerusform>
        </translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation>The run failed: %1</translation>
    </message>
    <message>
        <source>Run %1 after %2: %3 grants, %4 denials (%5%), %6 expiries, %7 evictions, peak %8 active</source>
        <translation>Run %1 after %2: %3 grants, %4 denials (%5%), %6 expiries, %7 evictions, peak %8 active</translation>
    </message>
    <message>
        <source>; thresholds passed</source>
        <translation>; thresholds passed</translation>
    </message>
    <message>
        <source>; thresholds FAILED</source>
        <translation>; thresholds FAILED</translation>
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
        <translation>Open Scenario</translation>
    </message>
    <message>
        <source>Scenario files (*.json);;All files (*)</source>
        <translation>Scenario files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>Save Scenario</source>
        <translation>Save Scenario</translation>
    </message>
    <message>
        <source>Scenario files (*.json)</source>
        <translation>Scenario files (*.json)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>Exported %1</translation>
    </message>
    <message>
        <source>(server off)</source>
        <translation>(server off)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;VideoStreams HTTP API&lt;/h3&gt;&lt;p&gt;Served by this app at &lt;b&gt;%1&lt;/b&gt; when the embedded server is on. Errors are &lt;code&gt;application/problem+json&lt;/code&gt;; the original two calls answer byte for byte as the original service did.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;VideoStreams HTTP API&lt;/h3&gt;&lt;p&gt;Served by this app at &lt;b&gt;%1&lt;/b&gt; when the embedded server is on. Errors are &lt;code&gt;application/problem+json&lt;/code&gt;; the original two calls answer byte for byte as the original service did.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The full description (OpenAPI 3: every parameter, schema, example and error): &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;The full description (OpenAPI 3: every parameter, schema, example and error): &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The full description (OpenAPI 3: every parameter, schema, example and error) is served at &lt;code&gt;/openapi.json&lt;/code&gt; while the server is on, and can be saved from here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;The full description (OpenAPI 3: every parameter, schema, example and error) is served at &lt;code&gt;/openapi.json&lt;/code&gt; while the server is on, and can be saved from here.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Example: &lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Example: &lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>API Documentation</source>
        <translation>API Documentation</translation>
    </message>
    <message>
        <source>Save OpenAPI Document…</source>
        <translation>Save OpenAPI Document…</translation>
    </message>
    <message>
        <source>Save OpenAPI Document</source>
        <translation>Save OpenAPI Document</translation>
    </message>
    <message>
        <source>OpenAPI document (*.json)</source>
        <translation>OpenAPI document (*.json)</translation>
    </message>
    <message>
        <source>Saved the OpenAPI document to %1</source>
        <translation>Saved the OpenAPI document to %1</translation>
    </message>
    <message>
        <source>About VideoStreams</source>
        <translation>About VideoStreams</translation>
    </message>
    <message>
        <source>&lt;h3&gt;VideoStreams %1&lt;/h3&gt;&lt;p&gt;Limit how many videos one account watches at once, and see before launch how a limit and lease TTL will feel to viewers.&lt;/p&gt;&lt;p&gt;An embeddable stream-limit core, its HTTP API, and a simulator that replays hours of traffic in seconds.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;VideoStreams %1&lt;/h3&gt;&lt;p&gt;Limit how many videos one account watches at once, and see before launch how a limit and lease TTL will feel to viewers.&lt;/p&gt;&lt;p&gt;An embeddable stream-limit core, its HTTP API, and a simulator that replays hours of traffic in seconds.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>vs::PolicyEditor</name>
    <message>
        <source>Default &amp;limit:</source>
        <translation>Default &amp;limit:</translation>
    </message>
    <message>
        <source>Streams a user may hold at once, unless their plan or an override says otherwise</source>
        <translation>Streams a user may hold at once, unless their plan or an override says otherwise</translation>
    </message>
    <message>
        <source>Lease &amp;TTL:</source>
        <translation>Lease &amp;TTL:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>never expire</source>
        <translation>never expire</translation>
    </message>
    <message>
        <source>A stream without a heartbeat for this long stops counting (0: never)</source>
        <translation>A stream without a heartbeat for this long stops counting (0: never)</translation>
    </message>
    <message>
        <source>At the li&amp;mit:</source>
        <translation>At the li&amp;mit:</translation>
    </message>
    <message>
        <source>Reject the new stream</source>
        <translation>Reject the new stream</translation>
    </message>
    <message>
        <source>Evict the oldest stream</source>
        <translation>Evict the oldest stream</translation>
    </message>
    <message>
        <source>What happens when a user at the limit starts another video</source>
        <translation>What happens when a user at the limit starts another video</translation>
    </message>
    <message>
        <source>Plan limits (win over the default):</source>
        <translation>Plan limits (win over the default):</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Limits by plan; they win over the default limit</source>
        <translation>Limits by plan; they win over the default limit</translation>
    </message>
    <message>
        <source>&amp;Apply to the core</source>
        <translation>&amp;Apply to the core</translation>
    </message>
    <message>
        <source>Apply this policy to the running core now; HTTP clients see it at once</source>
        <translation>Apply this policy to the running core now; HTTP clients see it at once</translation>
    </message>
    <message numerus="yes">
        <source>%n per-user override(s) from the scenario are kept.</source>
        <translation>
            <numerusform>%n per-user override from the scenario is kept.</numerusform>
            <numerusform>%n per-user overrides from the scenario are kept.</numerusform>
        </translation>
    </message>
    <message>
        <source>Plan &quot;%1&quot;: %2</source>
        <translation>Plan &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>Plan &quot;%1&quot; is listed twice</source>
        <translation>Plan &quot;%1&quot; is listed twice</translation>
    </message>
    <message>
        <source>Plan &quot;%1&quot;: the limit must be between 0 and %2</source>
        <translation>Plan &quot;%1&quot;: the limit must be between 0 and %2</translation>
    </message>
</context>
<context>
    <name>vs::RunControls</name>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>Start a run of the scenario (F5)</source>
        <translation>Start a run of the scenario (F5)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Pause the run; simulated time stands still (F6)</source>
        <translation>Pause the run; simulated time stands still (F6)</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>Res&amp;ume</translation>
    </message>
    <message>
        <source>Resume a paused run (F7)</source>
        <translation>Resume a paused run (F7)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <source>End the run here; the report covers the time so far (Shift+F5)</source>
        <translation>End the run here; the report covers the time so far (Shift+F5)</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>&amp;Reset</translation>
    </message>
    <message>
        <source>Back to the start with a fresh core and empty charts (Ctrl+R)</source>
        <translation>Back to the start with a fresh core and empty charts (Ctrl+R)</translation>
    </message>
    <message>
        <source>Embedded core</source>
        <translation>Embedded core</translation>
    </message>
    <message>
        <source>HTTP endpoint</source>
        <translation>HTTP endpoint</translation>
    </message>
    <message>
        <source>Run against this app&apos;s own core, or any VideoStreams endpoint over HTTP (real time)</source>
        <translation>Run against this app&apos;s own core, or any VideoStreams endpoint over HTTP (real time)</translation>
    </message>
    <message>
        <source>The base URL of the VideoStreams endpoint to load</source>
        <translation>The base URL of the VideoStreams endpoint to load</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Target:</translation>
    </message>
    <message>
        <source>Simulated seconds per wall second, in virtual time</source>
        <translation>Simulated seconds per wall second, in virtual time</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>as fast as possible</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Speed:</translation>
    </message>
    <message>
        <source>%1x</source>
        <translation>%1x</translation>
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
        <translation>Load one of the scenarios that ship with VideoStreams</translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation>Presets…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <source>Open a scenario file (Ctrl+O)</source>
        <translation>Open a scenario file (Ctrl+O)</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Save…</translation>
    </message>
    <message>
        <source>Save the scenario to a file (Ctrl+S)</source>
        <translation>Save the scenario to a file (Ctrl+S)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>A name for the scenario; it appears in reports</source>
        <translation>A name for the scenario; it appears in reports</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;eed:</translation>
    </message>
    <message>
        <source>The same seed gives the same run, event for event</source>
        <translation>The same seed gives the same run, event for event</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Duration:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How much simulated time the run covers</source>
        <translation>How much simulated time the run covers</translation>
    </message>
    <message>
        <source>&amp;Clock:</source>
        <translation>&amp;Clock:</translation>
    </message>
    <message>
        <source>Virtual (as fast as allowed)</source>
        <translation>Virtual (as fast as allowed)</translation>
    </message>
    <message>
        <source>Real time</source>
        <translation>Real time</translation>
    </message>
    <message>
        <source>Virtual time replays hours in seconds; real time follows the wall clock (required for HTTP targets)</source>
        <translation>Virtual time replays hours in seconds; real time follows the wall clock (required for HTTP targets)</translation>
    </message>
    <message>
        <source>Viewers</source>
        <translation>Viewers</translation>
    </message>
    <message>
        <source>&amp;Users:</source>
        <translation>&amp;Users:</translation>
    </message>
    <message>
        <source>How many simulated user accounts</source>
        <translation>How many simulated user accounts</translation>
    </message>
    <message>
        <source>Plan mix (share of users per plan):</source>
        <translation>Plan mix (share of users per plan):</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Share %</source>
        <translation>Share %</translation>
    </message>
    <message>
        <source>Which share of the users has which plan; the shares add up to 100%. Empty: no plans</source>
        <translation>Which share of the users has which plan; the shares add up to 100%. Empty: no plans</translation>
    </message>
    <message>
        <source>Arrivals</source>
        <translation>Arrivals</translation>
    </message>
    <message>
        <source>Starts per user per &amp;hour:</source>
        <translation>Starts per user per &amp;hour:</translation>
    </message>
    <message>
        <source>How often each user starts a video, per hour</source>
        <translation>How often each user starts a video, per hour</translation>
    </message>
    <message>
        <source>Stages (rate multiplier until a time):</source>
        <translation>Stages (rate multiplier until a time):</translation>
    </message>
    <message>
        <source>Until (s)</source>
        <translation>Until (s)</translation>
    </message>
    <message>
        <source>Rate ×</source>
        <translation>Rate ×</translation>
    </message>
    <message>
        <source>Ramp the arrival rate: the multiplier holds from the previous stage&apos;s end until this time</source>
        <translation>Ramp the arrival rate: the multiplier holds from the previous stage&apos;s end until this time</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalog</translation>
    </message>
    <message>
        <source>&amp;Videos:</source>
        <translation>&amp;Videos:</translation>
    </message>
    <message>
        <source>How many different videos there are</source>
        <translation>How many different videos there are</translation>
    </message>
    <message>
        <source>Po&amp;pularity:</source>
        <translation>Po&amp;pularity:</translation>
    </message>
    <message>
        <source>Uniform</source>
        <translation>Uniform</translation>
    </message>
    <message>
        <source>Zipf (few hits, long tail)</source>
        <translation>Zipf (few hits, long tail)</translation>
    </message>
    <message>
        <source>How viewers pick a video</source>
        <translation>How viewers pick a video</translation>
    </message>
    <message>
        <source>Zipf e&amp;xponent:</source>
        <translation>Zipf e&amp;xponent:</translation>
    </message>
    <message>
        <source>Zipf exponent: higher means the top videos get more of the views</source>
        <translation>Zipf exponent: higher means the top videos get more of the views</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>Watching</translation>
    </message>
    <message>
        <source>&amp;Watch time:</source>
        <translation>&amp;Watch time:</translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation>Exponential</translation>
    </message>
    <message>
        <source>Log-normal</source>
        <translation>Log-normal</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Fixed</translation>
    </message>
    <message>
        <source>How long viewers keep watching</source>
        <translation>How long viewers keep watching</translation>
    </message>
    <message>
        <source>&amp;Mean:</source>
        <translation>&amp;Mean:</translation>
    </message>
    <message>
        <source>The mean watching time</source>
        <translation>The mean watching time</translation>
    </message>
    <message>
        <source>Si&amp;gma:</source>
        <translation>Si&amp;gma:</translation>
    </message>
    <message>
        <source>Log-normal only: the spread (sigma of the underlying normal)</source>
        <translation>Log-normal only: the spread (sigma of the underlying normal)</translation>
    </message>
    <message>
        <source>&amp;Heartbeat every:</source>
        <translation>&amp;Heartbeat every:</translation>
    </message>
    <message>
        <source>How often a player renews its stream&apos;s lease</source>
        <translation>How often a player renews its stream&apos;s lease</translation>
    </message>
    <message>
        <source>Abandon:</source>
        <translation>Abandon:</translation>
    </message>
    <message>
        <source>Share of viewers who vanish without stopping (crashed players): their leases must expire</source>
        <translation>Share of viewers who vanish without stopping (crashed players): their leases must expire</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>When denied</source>
        <translation>When denied</translation>
    </message>
    <message>
        <source>A&amp;ttempts:</source>
        <translation>A&amp;ttempts:</translation>
    </message>
    <message>
        <source>Attempts per viewer, the first included (1: never retry)</source>
        <translation>Attempts per viewer, the first included (1: never retry)</translation>
    </message>
    <message>
        <source>&amp;Backoff:</source>
        <translation>&amp;Backoff:</translation>
    </message>
    <message>
        <source>The wait before the first retry; it doubles for each further one</source>
        <translation>The wait before the first retry; it doubles for each further one</translation>
    </message>
    <message>
        <source>HTTP target</source>
        <translation>HTTP target</translation>
    </message>
    <message>
        <source>C&amp;onnections:</source>
        <translation>C&amp;onnections:</translation>
    </message>
    <message>
        <source>Keep-alive connections to the endpoint</source>
        <translation>Keep-alive connections to the endpoint</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>T&amp;imeout:</translation>
    </message>
    <message>
        <source>A request without an answer by then counts as an error</source>
        <translation>A request without an answer by then counts as an error</translation>
    </message>
    <message>
        <source>Pass/fail thresholds</source>
        <translation>Pass/fail thresholds</translation>
    </message>
    <message>
        <source>Fail the run when this is exceeded</source>
        <translation>Fail the run when this is exceeded</translation>
    </message>
    <message>
        <source>Denial ratio</source>
        <translation>Denial ratio</translation>
    </message>
    <message>
        <source>Largest share of start attempts that may be denied</source>
        <translation>Largest share of start attempts that may be denied</translation>
    </message>
    <message>
        <source>Latency p99</source>
        <translation>Latency p99</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Largest p99 request latency</source>
        <translation>Largest p99 request latency</translation>
    </message>
    <message>
        <source>Error ratio</source>
        <translation>Error ratio</translation>
    </message>
    <message>
        <source>Largest share of requests that may fail</source>
        <translation>Largest share of requests that may fail</translation>
    </message>
    <message>
        <source>Limit violations</source>
        <translation>Limit violations</translation>
    </message>
    <message>
        <source>Times a user may be seen above their limit</source>
        <translation>Times a user may be seen above their limit</translation>
    </message>
</context>
<context>
    <name>vs::ServerPanel</name>
    <message>
        <source>Copied the curl command</source>
        <translation>Copied the curl command</translation>
    </message>
    <message>
        <source>&amp;Serve the HTTP API</source>
        <translation>&amp;Serve the HTTP API</translation>
    </message>
    <message>
        <source>Answer the VideoStreams HTTP API from this app&apos;s core</source>
        <translation>Answer the VideoStreams HTTP API from this app&apos;s core</translation>
    </message>
    <message>
        <source>The address to listen on; 127.0.0.1 keeps it on this machine</source>
        <translation>The address to listen on; 127.0.0.1 keeps it on this machine</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>any free port</translation>
    </message>
    <message>
        <source>The TCP port (0: let the system pick a free one)</source>
        <translation>The TCP port (0: let the system pick a free one)</translation>
    </message>
    <message>
        <source>Try the server from a terminal</source>
        <translation>Try the server from a terminal</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the curl command to the clipboard</source>
        <translation>Copy the curl command to the clipboard</translation>
    </message>
    <message>
        <source>Embedded server</source>
        <translation>Embedded server</translation>
    </message>
    <message>
        <source>Live policy</source>
        <translation>Live policy</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Core:</source>
        <translation>Core:</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>Requests:</translation>
    </message>
    <message>
        <source>Try it:</source>
        <translation>Try it:</translation>
    </message>
    <message>
        <source>no core to serve</source>
        <translation>no core to serve</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address</source>
        <translation>&quot;%1&quot; is not an IP address</translation>
    </message>
    <message>
        <source>cannot listen</source>
        <translation>cannot listen</translation>
    </message>
    <message>
        <source>Serving the HTTP API on %1</source>
        <translation>Serving the HTTP API on %1</translation>
    </message>
    <message>
        <source>The embedded server could not start: %1</source>
        <translation>The embedded server could not start: %1</translation>
    </message>
    <message>
        <source>Stopped the embedded server</source>
        <translation>Stopped the embedded server</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Listening on %1</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>Off: %1</source>
        <translation>Off: %1</translation>
    </message>
    <message>
        <source>(start the server to get a curl example)</source>
        <translation>(start the server to get a curl example)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1/s (%2 in total)</source>
        <translation>%1/s (%2 in total)</translation>
    </message>
</context>
<context>
    <name>vs::StreamsPanel</name>
    <message>
        <source>Filter by user, video or device</source>
        <translation>Filter by user, video or device</translation>
    </message>
    <message>
        <source>Show only the streams whose user, video or device contains this text</source>
        <translation>Show only the streams whose user, video or device contains this text</translation>
    </message>
    <message>
        <source>Streams active in the embedded core (simulated time, UTC)</source>
        <translation>Streams active in the embedded core (simulated time, UTC)</translation>
    </message>
    <message>
        <source>&amp;Stop selected</source>
        <translation>&amp;Stop selected</translation>
    </message>
    <message>
        <source>End the selected streams in the core, as a client&apos;s stop would (Del)</source>
        <translation>End the selected streams in the core, as a client&apos;s stop would (Del)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>List the active streams again now</source>
        <translation>List the active streams again now</translation>
    </message>
    <message numerus="yes">
        <source>Stopped %n stream(s) from the table</source>
        <translation>
            <numerusform>Stopped %n stream from the table</numerusform>
            <numerusform>Stopped %n streams from the table</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 streams</source>
        <translation>%1 streams</translation>
    </message>
    <message>
        <source>%1 of %2 streams</source>
        <translation>%1 of %2 streams</translation>
    </message>
    <message>
        <source> (first %1)</source>
        <translation> (first %1)</translation>
    </message>
</context>
<context>
    <name>vs::TableEditor</name>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove the selected row</source>
        <translation>Remove the selected row</translation>
    </message>
</context>
</TS>
