<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>puente::ui::LocalServerWindow</name>
    <message>
        <source>Puente</source>
        <translation>Puente</translation>
    </message>
    <message>
        <source>Starting the local server…</source>
        <translation>Iniciando el servidor local…</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Dirección:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de datos:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Comprobar de nuevo</translation>
    </message>
    <message>
        <source>Local server running</source>
        <translation>Servidor local en marcha</translation>
    </message>
    <message>
        <source>The local server could not start</source>
        <translation>El servidor local no pudo iniciarse</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Ready: database schema version %1 (checked at %2)</source>
        <translation>Listo: esquema de base de datos versión %1 (comprobado a las %2)</translation>
    </message>
    <message>
        <source>The server does not answer (checked at %1). Restart Puente.</source>
        <translation>El servidor no responde (comprobado a las %1). Reinicia Puente.</translation>
    </message>
    <message>
        <source>Not ready: %1 (checked at %2)</source>
        <translation>No está listo: %1 (comprobado a las %2)</translation>
    </message>
</context>
</TS>
