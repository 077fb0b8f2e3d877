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
<context>
    <name>puente::ui::WhatsAppConfigDialog</name>
    <message>
        <source>Not rated yet</source>
        <translation>Sin calificar todavía</translation>
    </message>
    <message>
        <source>High (green)</source>
        <translation>Alta (verde)</translation>
    </message>
    <message>
        <source>Medium (yellow)</source>
        <translation>Media (amarilla)</translation>
    </message>
    <message>
        <source>Low (red)</source>
        <translation>Baja (roja)</translation>
    </message>
    <message>
        <source>Meta did not say</source>
        <translation>Meta no lo indicó</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Ilimitado</translation>
    </message>
    <message>
        <source>%1 customers every 24 hours</source>
        <translation>%1 clientes cada 24 horas</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Número:</translation>
    </message>
    <message>
        <source>Verified name:</source>
        <translation>Nombre verificado:</translation>
    </message>
    <message>
        <source>Quality:</source>
        <translation>Calidad:</translation>
    </message>
    <message>
        <source>Messaging limit:</source>
        <translation>Límite de mensajes:</translation>
    </message>
    <message>
        <source>The Puente server does not answer. Check your connection and try again.</source>
        <translation>El servidor de Puente no responde. Comprueba tu conexión e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation>Tu sesión ha terminado. Vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>Only administrators can change this.</source>
        <translation>Solo los administradores pueden cambiar esto.</translation>
    </message>
    <message>
        <source>Too many requests. Wait a moment and try again.</source>
        <translation>Demasiadas solicitudes. Espera un momento e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>The Puente server could not do this right now. Try again in a moment.</source>
        <translation>El servidor de Puente no pudo hacerlo ahora. Inténtalo de nuevo en un momento.</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>El servidor rechazó la solicitud (HTTP %1).</translation>
    </message>
    <message>
        <source>WhatsApp configuration</source>
        <translation>Configuración de WhatsApp</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>WhatsApp Business API (recommended)</source>
        <translation>API de WhatsApp Business (recomendada)</translation>
    </message>
    <message>
        <source>Connection type</source>
        <translation>Tipo de conexión</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Token de acceso</translation>
    </message>
    <message>
        <source>e.g. 106540352242922</source>
        <translation>p. ej. 106540352242922</translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation>Identificador del número de teléfono</translation>
    </message>
    <message>
        <source>e.g. 102290129340398</source>
        <translation>p. ej. 102290129340398</translation>
    </message>
    <message>
        <source>WhatsApp Business account ID</source>
        <translation>Identificador de la cuenta de WhatsApp Business</translation>
    </message>
    <message>
        <source>App secret</source>
        <translation>Secreto de la aplicación</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generar</translation>
    </message>
    <message>
        <source>Webhook verify token</source>
        <translation>Token de verificación del webhook</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL del webhook</translation>
    </message>
    <message>
        <source>Paste this URL and the verify token into the Webhooks section of your Meta app.</source>
        <translation>Pega esta URL y el token de verificación en la sección Webhooks de tu aplicación de Meta.</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Stored: %1 — leave empty to keep it</source>
        <translation>Guardado: %1 — déjalo vacío para conservarlo</translation>
    </message>
    <message>
        <source>Paste the access token from Meta (required)</source>
        <translation>Pega el token de acceso de Meta (obligatorio)</translation>
    </message>
    <message>
        <source>Optional: leave empty to use the platform&apos;s app</source>
        <translation>Opcional: déjalo vacío para usar la aplicación de la plataforma</translation>
    </message>
    <message>
        <source>Leave empty and one is generated when you save</source>
        <translation>Déjalo vacío y se generará uno al guardar</translation>
    </message>
    <message>
        <source>Could not load the WhatsApp configuration. %1</source>
        <translation>No se pudo cargar la configuración de WhatsApp. %1</translation>
    </message>
    <message>
        <source>Last successful test: %1</source>
        <translation>Última prueba correcta: %1</translation>
    </message>
    <message>
        <source>Not tested yet. Test the connection to see the number Meta reports.</source>
        <translation>Aún no se ha probado. Prueba la conexión para ver el número que indica Meta.</translation>
    </message>
    <message>
        <source>The last test failed: %1</source>
        <translation>La última prueba falló: %1</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Obligatorio.</translation>
    </message>
    <message>
        <source>This is the number&apos;s ID from WhatsApp Manager, not the phone number</source>
        <translation>Es el identificador del número en WhatsApp Manager, no el número de teléfono</translation>
    </message>
    <message>
        <source>This is the account&apos;s ID from WhatsApp Manager: digits only, no + or spaces</source>
        <translation>Es el identificador de la cuenta en WhatsApp Manager: solo dígitos, sin + ni espacios</translation>
    </message>
    <message>
        <source>Digits only, at most 32.</source>
        <translation>Solo dígitos, 32 como máximo.</translation>
    </message>
    <message>
        <source>Paste the access token from Meta: it is required the first time.</source>
        <translation>Pega el token de acceso de Meta: es obligatorio la primera vez.</translation>
    </message>
    <message>
        <source>At least 8 characters (or press Generate).</source>
        <translation>Al menos 8 caracteres (o pulsa Generar).</translation>
    </message>
    <message>
        <source>Asking Meta…</source>
        <translation>Consultando a Meta…</translation>
    </message>
    <message>
        <source>These values are not saved yet: press Save to keep them.</source>
        <translation>Estos valores aún no están guardados: pulsa Guardar para conservarlos.</translation>
    </message>
    <message>
        <source>Connected: Meta accepted these values.</source>
        <translation>Conectado: Meta aceptó estos valores.</translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation>La conexión falló.</translation>
    </message>
    <message>
        <source>The Puente server could not reach Meta. Check that the server has internet access (proxy, firewall) and try again.</source>
        <translation>El servidor de Puente no pudo contactar con Meta. Comprueba que el servidor tiene acceso a internet (proxy, cortafuegos) e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>This number is already connected to another company</source>
        <translation>Este número ya está conectado a otra empresa</translation>
    </message>
    <message>
        <source>This WhatsApp Business account is already connected to another company</source>
        <translation>Esta cuenta de WhatsApp Business ya está conectada a otra empresa</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
</context>
</TS>
