<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>MainWindow</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>default limit %1, %2 plan limit(s), TTL %3, at the limit: %4</source>
        <translation>límite predeterminado %1, %2 límite(s) por plan, TTL %3, en el límite: %4</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
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
        <translation>Tiempo simulado (s)</translation>
    </message>
    <message>
        <source>Simulated time (min)</source>
        <translation>Tiempo simulado (min)</translation>
    </message>
    <message>
        <source>Simulated time (h)</source>
        <translation>Tiempo simulado (h)</translation>
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
        <translation>nunca</translation>
    </message>
    <message>
        <source>Stream %1, started %2 UTC</source>
        <translation>Stream %1, iniciado a las %2 UTC</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Caduca</translation>
    </message>
</context>
<context>
    <name>vs::ChartsPanel</name>
    <message>
        <source>Active streams</source>
        <translation>Streams activos</translation>
    </message>
    <message>
        <source>Viewers watching</source>
        <translation>Espectadores viendo</translation>
    </message>
    <message>
        <source>Capacity (users × limit)</source>
        <translation>Capacidad (usuarios × límite)</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>Streams</translation>
    </message>
    <message>
        <source>Streams the core counts as active, and viewers actually watching; the gap is leases of vanished players waiting to expire</source>
        <translation>Streams que el núcleo cuenta como activos y espectadores que realmente están viendo; la diferencia son concesiones de reproductores desaparecidos que esperan caducar</translation>
    </message>
    <message>
        <source>Starts and ends per second</source>
        <translation>Inicios y finales por segundo</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>Concesiones</translation>
    </message>
    <message>
        <source>Denials</source>
        <translation>Denegaciones</translation>
    </message>
    <message>
        <source>Expiries</source>
        <translation>Caducidades</translation>
    </message>
    <message>
        <source>Evictions</source>
        <translation>Desalojos</translation>
    </message>
    <message>
        <source>Per simulated second</source>
        <translation>Por segundo simulado</translation>
    </message>
    <message>
        <source>Streams granted, starts denied at the limit, leases expired and streams evicted, per second of simulated time</source>
        <translation>Streams concedidos, inicios denegados en el límite, concesiones caducadas y streams desalojados, por segundo de tiempo simulado</translation>
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
        <translation>Milisegundos</translation>
    </message>
    <message>
        <source>Measured from when each request was meant to be sent (no coordinated omission); HTTP targets only, the embedded core answers in zero simulated time</source>
        <translation>Medida desde el momento en que debía enviarse cada petición (sin omisión coordinada); solo para destinos HTTP, el núcleo integrado responde en tiempo simulado cero</translation>
    </message>
    <message>
        <source>Users by active streams</source>
        <translation>Usuarios por streams activos</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Active streams held</source>
        <translation>Streams activos en uso</translation>
    </message>
    <message>
        <source>How many users hold 0, 1, 2, … streams right now</source>
        <translation>Cuántos usuarios tienen 0, 1, 2, … streams en este momento</translation>
    </message>
    <message>
        <source>Request latency</source>
        <translation>Latencia de las peticiones</translation>
    </message>
    <message>
        <source>Active streams (capacity %1)</source>
        <translation>Streams activos (capacidad %1)</translation>
    </message>
    <message>
        <source>Request latency (measured for HTTP targets)</source>
        <translation>Latencia de las peticiones (se mide en destinos HTTP)</translation>
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
        <translation>Denegaciones, desalojos y errores a medida que ocurren (tiempo simulado, UTC)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vaciar</translation>
    </message>
    <message>
        <source>Remove every line from the log</source>
        <translation>Quitar todas las líneas del registro</translation>
    </message>
    <message>
        <source>Keeps the last %1 lines</source>
        <translation>Conserva las últimas %1 líneas</translation>
    </message>
    <message>
        <source>%1  denied   %2 → %3 (limit %4)</source>
        <translation>%1  denegado  %2 → %3 (límite %4)</translation>
    </message>
    <message>
        <source>%1  evicted  %2 → %3 (oldest stream)</source>
        <translation>%1  desalojado %2 → %3 (stream más antiguo)</translation>
    </message>
    <message>
        <source>%1  … and %2 more denials, %3 more evictions (not listed)</source>
        <translation>%1  … y %2 denegaciones más, %3 desalojos más (no listados)</translation>
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
        <translation>Servidor: %1</translation>
    </message>
    <message>
        <source>Server: off</source>
        <translation>Servidor: apagado</translation>
    </message>
    <message>
        <source>Ready. Press Start (F5) to run the scenario.</source>
        <translation>Listo. Pulse Iniciar (F5) para ejecutar el escenario.</translation>
    </message>
    <message>
        <source>JSON report (*.json)</source>
        <translation>Informe JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV, one line per simulated second (*.csv)</source>
        <translation>CSV, una línea por segundo simulado (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Open Scenario…</source>
        <translation>&amp;Abrir escenario…</translation>
    </message>
    <message>
        <source>&amp;Save Scenario</source>
        <translation>&amp;Guardar escenario</translation>
    </message>
    <message>
        <source>Save Scenario &amp;As…</source>
        <translation>Guardar escenario &amp;como…</translation>
    </message>
    <message>
        <source>Export Report as &amp;JSON…</source>
        <translation>Exportar informe como &amp;JSON…</translation>
    </message>
    <message>
        <source>Export Report as &amp;CSV…</source>
        <translation>Exportar informe como &amp;CSV…</translation>
    </message>
    <message>
        <source>Export Charts as &amp;PNG…</source>
        <translation>Exportar gráficos como &amp;PNG…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ejecución</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Pantalla completa</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;API Documentation</source>
        <translation>Documentación de la &amp;API</translation>
    </message>
    <message>
        <source>&amp;About VideoStreams</source>
        <translation>&amp;Acerca de VideoStreams</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Escenario</translation>
    </message>
    <message>
        <source>Server and policy</source>
        <translation>Servidor y política</translation>
    </message>
    <message>
        <source>Active streams</source>
        <translation>Streams activos</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Registro de eventos</translation>
    </message>
    <message>
        <source>State of the run</source>
        <translation>Estado de la ejecución</translation>
    </message>
    <message>
        <source>Simulated time so far, of the scenario&apos;s duration, and the current speed</source>
        <translation>Tiempo simulado hasta ahora, de la duración del escenario, y la velocidad actual</translation>
    </message>
    <message>
        <source>Streams active in the core now</source>
        <translation>Streams activos ahora en el núcleo</translation>
    </message>
    <message>
        <source>Streams granted in the last simulated second</source>
        <translation>Streams concedidos en el último segundo simulado</translation>
    </message>
    <message>
        <source>Starts denied in the last simulated second</source>
        <translation>Inicios denegados en el último segundo simulado</translation>
    </message>
    <message>
        <source>The embedded HTTP server</source>
        <translation>El servidor HTTP integrado</translation>
    </message>
    <message>
        <source>the simulation&apos;s core (clock: simulated time)</source>
        <translation>el núcleo de la simulación (reloj: tiempo simulado)</translation>
    </message>
    <message>
        <source>a standalone core (clock: system time)</source>
        <translation>un núcleo independiente (reloj: hora del sistema)</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inactivo</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en ejecución</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminado</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>first look</source>
        <translation>primer vistazo</translation>
    </message>
    <message>
        <source>Policy: %1</source>
        <translation>Política: %1</translation>
    </message>
    <message>
        <source>population.plan_mix: the plan &quot;%1&quot; is listed twice</source>
        <translation>population.plan_mix: el plan «%1» aparece dos veces</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Opened scenario &quot;%1&quot; from %2</source>
        <translation>Abierto el escenario «%1» desde %2</translation>
    </message>
    <message>
        <source>The scenario is not valid: %1</source>
        <translation>El escenario no es válido: %1</translation>
    </message>
    <message>
        <source>Saved the scenario to %1</source>
        <translation>Escenario guardado en %1</translation>
    </message>
    <message>
        <source>There is no report yet: run the scenario first.</source>
        <translation>Aún no hay informe: ejecute primero el escenario.</translation>
    </message>
    <message>
        <source>cannot write the image to %1</source>
        <translation>no se puede escribir la imagen en %1</translation>
    </message>
    <message>
        <source>The scenario cannot run: %1</source>
        <translation>El escenario no se puede ejecutar: %1</translation>
    </message>
    <message>
        <source>Started &quot;%1&quot;: %2 users for %3 of simulated time, %4</source>
        <translation>Iniciado «%1»: %2 usuarios durante %3 de tiempo simulado, %4</translation>
    </message>
    <message>
        <source>against %1</source>
        <translation>contra %1</translation>
    </message>
    <message>
        <source>on the embedded core</source>
        <translation>en el núcleo integrado</translation>
    </message>
    <message>
        <source>Reset: a fresh core and empty charts</source>
        <translation>Reiniciado: un núcleo nuevo y gráficos vacíos</translation>
    </message>
    <message>
        <source>Applied the policy: %1</source>
        <translation>Política aplicada: %1</translation>
    </message>
    <message>
        <source>Policy applied to the running core</source>
        <translation>Política aplicada al núcleo en ejecución</translation>
    </message>
    <message>
        <source>, %1x</source>
        <translation>, %1x</translation>
    </message>
    <message>
        <source>%1 of %2%3</source>
        <translation>%1 de %2%3</translation>
    </message>
    <message>
        <source>Active: %1</source>
        <translation>Activos: %1</translation>
    </message>
    <message>
        <source>Grants/s: %1</source>
        <translation>Concesiones/s: %1</translation>
    </message>
    <message>
        <source>Denials/s: %1</source>
        <translation>Denegaciones/s: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) failed</source>
        <translation>
            <numerusform>%n petición falló</numerusform>
            <numerusform>%n peticiones fallaron</numerusform>
        </translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation>La ejecución falló: %1</translation>
    </message>
    <message>
        <source>Run %1 after %2: %3 grants, %4 denials (%5%), %6 expiries, %7 evictions, peak %8 active</source>
        <translation>Ejecución %1 tras %2: %3 concesiones, %4 denegaciones (%5 %), %6 caducidades, %7 desalojos, máximo de %8 activos</translation>
    </message>
    <message>
        <source>; thresholds passed</source>
        <translation>; umbrales superados</translation>
    </message>
    <message>
        <source>; thresholds FAILED</source>
        <translation>; umbrales NO superados</translation>
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
        <translation>Abrir escenario</translation>
    </message>
    <message>
        <source>Scenario files (*.json);;All files (*)</source>
        <translation>Archivos de escenario (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Save Scenario</source>
        <translation>Guardar escenario</translation>
    </message>
    <message>
        <source>Scenario files (*.json)</source>
        <translation>Archivos de escenario (*.json)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>Exportado %1</translation>
    </message>
    <message>
        <source>(server off)</source>
        <translation>(servidor apagado)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;VideoStreams HTTP API&lt;/h3&gt;&lt;p&gt;Served by this app at &lt;b&gt;%1&lt;/b&gt; when the embedded server is on. Errors are &lt;code&gt;application/problem+json&lt;/code&gt;; the original two calls answer byte for byte as the original service did.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;API HTTP de VideoStreams&lt;/h3&gt;&lt;p&gt;Esta aplicación la sirve en &lt;b&gt;%1&lt;/b&gt; cuando el servidor integrado está encendido. Los errores son &lt;code&gt;application/problem+json&lt;/code&gt;; las dos llamadas originales responden byte a byte como lo hacía el servicio original.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The full description (OpenAPI 3: every parameter, schema, example and error): &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;La descripción completa (OpenAPI 3: cada parámetro, esquema, ejemplo y error): &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The full description (OpenAPI 3: every parameter, schema, example and error) is served at &lt;code&gt;/openapi.json&lt;/code&gt; while the server is on, and can be saved from here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;La descripción completa (OpenAPI 3: cada parámetro, esquema, ejemplo y error) se sirve en &lt;code&gt;/openapi.json&lt;/code&gt; mientras el servidor está encendido, y se puede guardar desde aquí.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Example: &lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ejemplo: &lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>API Documentation</source>
        <translation>Documentación de la API</translation>
    </message>
    <message>
        <source>Save OpenAPI Document…</source>
        <translation>Guardar documento OpenAPI…</translation>
    </message>
    <message>
        <source>Save OpenAPI Document</source>
        <translation>Guardar documento OpenAPI</translation>
    </message>
    <message>
        <source>OpenAPI document (*.json)</source>
        <translation>Documento OpenAPI (*.json)</translation>
    </message>
    <message>
        <source>Saved the OpenAPI document to %1</source>
        <translation>Documento OpenAPI guardado en %1</translation>
    </message>
    <message>
        <source>About VideoStreams</source>
        <translation>Acerca de VideoStreams</translation>
    </message>
    <message>
        <source>&lt;h3&gt;VideoStreams %1&lt;/h3&gt;&lt;p&gt;Limit how many videos one account watches at once, and see before launch how a limit and lease TTL will feel to viewers.&lt;/p&gt;&lt;p&gt;An embeddable stream-limit core, its HTTP API, and a simulator that replays hours of traffic in seconds.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;VideoStreams %1&lt;/h3&gt;&lt;p&gt;Limite cuántos vídeos ve una cuenta a la vez y compruebe antes del lanzamiento cómo percibirán los espectadores un límite y un TTL de concesión.&lt;/p&gt;&lt;p&gt;Un núcleo integrable de límite de streams, su API HTTP y un simulador que reproduce horas de tráfico en segundos.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>vs::PolicyEditor</name>
    <message>
        <source>Default &amp;limit:</source>
        <translation>&amp;Límite predeterminado:</translation>
    </message>
    <message>
        <source>Streams a user may hold at once, unless their plan or an override says otherwise</source>
        <translation>Streams que un usuario puede tener a la vez, salvo que su plan o una excepción digan otra cosa</translation>
    </message>
    <message>
        <source>Lease &amp;TTL:</source>
        <translation>&amp;TTL de concesión:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>never expire</source>
        <translation>no caducan nunca</translation>
    </message>
    <message>
        <source>A stream without a heartbeat for this long stops counting (0: never)</source>
        <translation>Un stream sin latido durante este tiempo deja de contar (0: nunca)</translation>
    </message>
    <message>
        <source>At the li&amp;mit:</source>
        <translation>En el lí&amp;mite:</translation>
    </message>
    <message>
        <source>Reject the new stream</source>
        <translation>Rechazar el stream nuevo</translation>
    </message>
    <message>
        <source>Evict the oldest stream</source>
        <translation>Desalojar el stream más antiguo</translation>
    </message>
    <message>
        <source>What happens when a user at the limit starts another video</source>
        <translation>Qué ocurre cuando un usuario en el límite inicia otro vídeo</translation>
    </message>
    <message>
        <source>Plan limits (win over the default):</source>
        <translation>Límites por plan (prevalecen sobre el predeterminado):</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Límite</translation>
    </message>
    <message>
        <source>Limits by plan; they win over the default limit</source>
        <translation>Límites por plan; prevalecen sobre el límite predeterminado</translation>
    </message>
    <message>
        <source>&amp;Apply to the core</source>
        <translation>&amp;Aplicar al núcleo</translation>
    </message>
    <message>
        <source>Apply this policy to the running core now; HTTP clients see it at once</source>
        <translation>Aplicar ahora esta política al núcleo en ejecución; los clientes HTTP la ven al instante</translation>
    </message>
    <message numerus="yes">
        <source>%n per-user override(s) from the scenario are kept.</source>
        <translation>
            <numerusform>Se conserva %n excepción por usuario del escenario.</numerusform>
            <numerusform>Se conservan %n excepciones por usuario del escenario.</numerusform>
        </translation>
    </message>
    <message>
        <source>Plan &quot;%1&quot;: %2</source>
        <translation>Plan «%1»: %2</translation>
    </message>
    <message>
        <source>Plan &quot;%1&quot; is listed twice</source>
        <translation>El plan «%1» aparece dos veces</translation>
    </message>
    <message>
        <source>Plan &quot;%1&quot;: the limit must be between 0 and %2</source>
        <translation>Plan «%1»: el límite debe estar entre 0 y %2</translation>
    </message>
</context>
<context>
    <name>vs::RunControls</name>
    <message>
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>Start a run of the scenario (F5)</source>
        <translation>Iniciar una ejecución del escenario (F5)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausa</translation>
    </message>
    <message>
        <source>Pause the run; simulated time stands still (F6)</source>
        <translation>Pausar la ejecución; el tiempo simulado se detiene (F6)</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>Rea&amp;nudar</translation>
    </message>
    <message>
        <source>Resume a paused run (F7)</source>
        <translation>Reanudar una ejecución en pausa (F7)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <source>End the run here; the report covers the time so far (Shift+F5)</source>
        <translation>Terminar la ejecución aquí; el informe cubre el tiempo hasta ahora (Mayús+F5)</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>&amp;Reiniciar</translation>
    </message>
    <message>
        <source>Back to the start with a fresh core and empty charts (Ctrl+R)</source>
        <translation>Volver al inicio con un núcleo nuevo y gráficos vacíos (Ctrl+R)</translation>
    </message>
    <message>
        <source>Embedded core</source>
        <translation>Núcleo integrado</translation>
    </message>
    <message>
        <source>HTTP endpoint</source>
        <translation>Endpoint HTTP</translation>
    </message>
    <message>
        <source>Run against this app&apos;s own core, or any VideoStreams endpoint over HTTP (real time)</source>
        <translation>Ejecutar contra el núcleo propio de esta aplicación o contra cualquier endpoint de VideoStreams por HTTP (tiempo real)</translation>
    </message>
    <message>
        <source>The base URL of the VideoStreams endpoint to load</source>
        <translation>La URL base del endpoint de VideoStreams que se va a cargar</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Destino:</translation>
    </message>
    <message>
        <source>Simulated seconds per wall second, in virtual time</source>
        <translation>Segundos simulados por segundo real, en tiempo virtual</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>lo más rápido posible</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Velocidad:</translation>
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
        <translation>Cargar uno de los escenarios incluidos con VideoStreams</translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation>Predefinidos…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Abrir…</translation>
    </message>
    <message>
        <source>Open a scenario file (Ctrl+O)</source>
        <translation>Abrir un archivo de escenario (Ctrl+O)</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Guardar…</translation>
    </message>
    <message>
        <source>Save the scenario to a file (Ctrl+S)</source>
        <translation>Guardar el escenario en un archivo (Ctrl+S)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>A name for the scenario; it appears in reports</source>
        <translation>Un nombre para el escenario; aparece en los informes</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;emilla:</translation>
    </message>
    <message>
        <source>The same seed gives the same run, event for event</source>
        <translation>La misma semilla da la misma ejecución, evento a evento</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Duración:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How much simulated time the run covers</source>
        <translation>Cuánto tiempo simulado abarca la ejecución</translation>
    </message>
    <message>
        <source>&amp;Clock:</source>
        <translation>&amp;Reloj:</translation>
    </message>
    <message>
        <source>Virtual (as fast as allowed)</source>
        <translation>Virtual (lo más rápido permitido)</translation>
    </message>
    <message>
        <source>Real time</source>
        <translation>Tiempo real</translation>
    </message>
    <message>
        <source>Virtual time replays hours in seconds; real time follows the wall clock (required for HTTP targets)</source>
        <translation>El tiempo virtual reproduce horas en segundos; el tiempo real sigue el reloj de pared (necesario para destinos HTTP)</translation>
    </message>
    <message>
        <source>Viewers</source>
        <translation>Espectadores</translation>
    </message>
    <message>
        <source>&amp;Users:</source>
        <translation>&amp;Usuarios:</translation>
    </message>
    <message>
        <source>How many simulated user accounts</source>
        <translation>Cuántas cuentas de usuario simuladas</translation>
    </message>
    <message>
        <source>Plan mix (share of users per plan):</source>
        <translation>Reparto de planes (proporción de usuarios por plan):</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Share %</source>
        <translation>Proporción %</translation>
    </message>
    <message>
        <source>Which share of the users has which plan; the shares add up to 100%. Empty: no plans</source>
        <translation>Qué proporción de usuarios tiene cada plan; las proporciones suman el 100 %. Vacío: sin planes</translation>
    </message>
    <message>
        <source>Arrivals</source>
        <translation>Llegadas</translation>
    </message>
    <message>
        <source>Starts per user per &amp;hour:</source>
        <translation>Inicios por usuario y &amp;hora:</translation>
    </message>
    <message>
        <source>How often each user starts a video, per hour</source>
        <translation>Con qué frecuencia cada usuario inicia un vídeo, por hora</translation>
    </message>
    <message>
        <source>Stages (rate multiplier until a time):</source>
        <translation>Etapas (multiplicador de la tasa hasta un instante):</translation>
    </message>
    <message>
        <source>Until (s)</source>
        <translation>Hasta (s)</translation>
    </message>
    <message>
        <source>Rate ×</source>
        <translation>Tasa ×</translation>
    </message>
    <message>
        <source>Ramp the arrival rate: the multiplier holds from the previous stage&apos;s end until this time</source>
        <translation>Escalonar la tasa de llegadas: el multiplicador rige desde el final de la etapa anterior hasta este instante</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catálogo</translation>
    </message>
    <message>
        <source>&amp;Videos:</source>
        <translation>&amp;Vídeos:</translation>
    </message>
    <message>
        <source>How many different videos there are</source>
        <translation>Cuántos vídeos distintos hay</translation>
    </message>
    <message>
        <source>Po&amp;pularity:</source>
        <translation>Po&amp;pularidad:</translation>
    </message>
    <message>
        <source>Uniform</source>
        <translation>Uniforme</translation>
    </message>
    <message>
        <source>Zipf (few hits, long tail)</source>
        <translation>Zipf (pocos éxitos, cola larga)</translation>
    </message>
    <message>
        <source>How viewers pick a video</source>
        <translation>Cómo eligen los espectadores un vídeo</translation>
    </message>
    <message>
        <source>Zipf e&amp;xponent:</source>
        <translation>E&amp;xponente de Zipf:</translation>
    </message>
    <message>
        <source>Zipf exponent: higher means the top videos get more of the views</source>
        <translation>Exponente de Zipf: cuanto más alto, más visualizaciones reciben los vídeos principales</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>Visualización</translation>
    </message>
    <message>
        <source>&amp;Watch time:</source>
        <translation>&amp;Tiempo de visualización:</translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation>Exponencial</translation>
    </message>
    <message>
        <source>Log-normal</source>
        <translation>Log-normal</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Fijo</translation>
    </message>
    <message>
        <source>How long viewers keep watching</source>
        <translation>Cuánto tiempo siguen viendo los espectadores</translation>
    </message>
    <message>
        <source>&amp;Mean:</source>
        <translation>&amp;Media:</translation>
    </message>
    <message>
        <source>The mean watching time</source>
        <translation>El tiempo medio de visualización</translation>
    </message>
    <message>
        <source>Si&amp;gma:</source>
        <translation>Si&amp;gma:</translation>
    </message>
    <message>
        <source>Log-normal only: the spread (sigma of the underlying normal)</source>
        <translation>Solo log-normal: la dispersión (sigma de la normal subyacente)</translation>
    </message>
    <message>
        <source>&amp;Heartbeat every:</source>
        <translation>&amp;Latido cada:</translation>
    </message>
    <message>
        <source>How often a player renews its stream&apos;s lease</source>
        <translation>Con qué frecuencia un reproductor renueva la concesión de su stream</translation>
    </message>
    <message>
        <source>Abandon:</source>
        <translation>Abandono:</translation>
    </message>
    <message>
        <source>Share of viewers who vanish without stopping (crashed players): their leases must expire</source>
        <translation>Proporción de espectadores que desaparecen sin detenerse (reproductores caídos): sus concesiones deben caducar</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>When denied</source>
        <translation>Si se deniega</translation>
    </message>
    <message>
        <source>A&amp;ttempts:</source>
        <translation>In&amp;tentos:</translation>
    </message>
    <message>
        <source>Attempts per viewer, the first included (1: never retry)</source>
        <translation>Intentos por espectador, incluido el primero (1: no reintentar nunca)</translation>
    </message>
    <message>
        <source>&amp;Backoff:</source>
        <translation>&amp;Espera:</translation>
    </message>
    <message>
        <source>The wait before the first retry; it doubles for each further one</source>
        <translation>La espera antes del primer reintento; se duplica en cada uno de los siguientes</translation>
    </message>
    <message>
        <source>HTTP target</source>
        <translation>Destino HTTP</translation>
    </message>
    <message>
        <source>C&amp;onnections:</source>
        <translation>C&amp;onexiones:</translation>
    </message>
    <message>
        <source>Keep-alive connections to the endpoint</source>
        <translation>Conexiones persistentes con el endpoint</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>Tiempo l&amp;ímite:</translation>
    </message>
    <message>
        <source>A request without an answer by then counts as an error</source>
        <translation>Una petición sin respuesta en ese plazo cuenta como error</translation>
    </message>
    <message>
        <source>Pass/fail thresholds</source>
        <translation>Umbrales de éxito/fallo</translation>
    </message>
    <message>
        <source>Fail the run when this is exceeded</source>
        <translation>Dar la ejecución por fallida si se supera</translation>
    </message>
    <message>
        <source>Denial ratio</source>
        <translation>Tasa de denegación</translation>
    </message>
    <message>
        <source>Largest share of start attempts that may be denied</source>
        <translation>Mayor proporción de intentos de inicio que puede denegarse</translation>
    </message>
    <message>
        <source>Latency p99</source>
        <translation>Latencia p99</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Largest p99 request latency</source>
        <translation>Mayor latencia p99 de las peticiones</translation>
    </message>
    <message>
        <source>Error ratio</source>
        <translation>Tasa de errores</translation>
    </message>
    <message>
        <source>Largest share of requests that may fail</source>
        <translation>Mayor proporción de peticiones que puede fallar</translation>
    </message>
    <message>
        <source>Limit violations</source>
        <translation>Infracciones del límite</translation>
    </message>
    <message>
        <source>Times a user may be seen above their limit</source>
        <translation>Veces que un usuario puede verse por encima de su límite</translation>
    </message>
</context>
<context>
    <name>vs::ServerPanel</name>
    <message>
        <source>Copied the curl command</source>
        <translation>Orden curl copiada</translation>
    </message>
    <message>
        <source>&amp;Serve the HTTP API</source>
        <translation>&amp;Servir la API HTTP</translation>
    </message>
    <message>
        <source>Answer the VideoStreams HTTP API from this app&apos;s core</source>
        <translation>Responder a la API HTTP de VideoStreams desde el núcleo de esta aplicación</translation>
    </message>
    <message>
        <source>The address to listen on; 127.0.0.1 keeps it on this machine</source>
        <translation>La dirección en la que escuchar; 127.0.0.1 la mantiene en este equipo</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>cualquier puerto libre</translation>
    </message>
    <message>
        <source>The TCP port (0: let the system pick a free one)</source>
        <translation>El puerto TCP (0: que el sistema elija uno libre)</translation>
    </message>
    <message>
        <source>Try the server from a terminal</source>
        <translation>Pruebe el servidor desde un terminal</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the curl command to the clipboard</source>
        <translation>Copiar la orden curl al portapapeles</translation>
    </message>
    <message>
        <source>Embedded server</source>
        <translation>Servidor integrado</translation>
    </message>
    <message>
        <source>Live policy</source>
        <translation>Política en vivo</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Puerto:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Dirección:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Core:</source>
        <translation>Núcleo:</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>Peticiones:</translation>
    </message>
    <message>
        <source>Try it:</source>
        <translation>Pruébelo:</translation>
    </message>
    <message>
        <source>no core to serve</source>
        <translation>no hay núcleo que servir</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address</source>
        <translation>«%1» no es una dirección IP</translation>
    </message>
    <message>
        <source>cannot listen</source>
        <translation>no se puede escuchar</translation>
    </message>
    <message>
        <source>Serving the HTTP API on %1</source>
        <translation>Sirviendo la API HTTP en %1</translation>
    </message>
    <message>
        <source>The embedded server could not start: %1</source>
        <translation>El servidor integrado no pudo arrancar: %1</translation>
    </message>
    <message>
        <source>Stopped the embedded server</source>
        <translation>Servidor integrado detenido</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Escuchando en %1</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Apagado</translation>
    </message>
    <message>
        <source>Off: %1</source>
        <translation>Apagado: %1</translation>
    </message>
    <message>
        <source>(start the server to get a curl example)</source>
        <translation>(arranque el servidor para obtener un ejemplo de curl)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1/s (%2 in total)</source>
        <translation>%1/s (%2 en total)</translation>
    </message>
</context>
<context>
    <name>vs::StreamsPanel</name>
    <message>
        <source>Filter by user, video or device</source>
        <translation>Filtrar por usuario, vídeo o dispositivo</translation>
    </message>
    <message>
        <source>Show only the streams whose user, video or device contains this text</source>
        <translation>Mostrar solo los streams cuyo usuario, vídeo o dispositivo contiene este texto</translation>
    </message>
    <message>
        <source>Streams active in the embedded core (simulated time, UTC)</source>
        <translation>Streams activos en el núcleo integrado (tiempo simulado, UTC)</translation>
    </message>
    <message>
        <source>&amp;Stop selected</source>
        <translation>&amp;Detener seleccionados</translation>
    </message>
    <message>
        <source>End the selected streams in the core, as a client&apos;s stop would (Del)</source>
        <translation>Terminar en el núcleo los streams seleccionados, como lo haría la parada de un cliente (Supr)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>List the active streams again now</source>
        <translation>Volver a listar ahora los streams activos</translation>
    </message>
    <message numerus="yes">
        <source>Stopped %n stream(s) from the table</source>
        <translation>
            <numerusform>Detenido %n stream desde la tabla</numerusform>
            <numerusform>Detenidos %n streams desde la tabla</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 streams</source>
        <translation>%1 streams</translation>
    </message>
    <message>
        <source>%1 of %2 streams</source>
        <translation>%1 de %2 streams</translation>
    </message>
    <message>
        <source> (first %1)</source>
        <translation> (primeros %1)</translation>
    </message>
</context>
<context>
    <name>vs::TableEditor</name>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>Añadir una fila</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove the selected row</source>
        <translation>Quitar la fila seleccionada</translation>
    </message>
</context>
</TS>
