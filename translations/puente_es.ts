<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>MetaText</name>
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
        <source>Meta refused the access token. Paste a new one under WhatsApp → Configure (a System User token does not expire).</source>
        <translation>Meta rechazó el token de acceso. Pega uno nuevo en WhatsApp → Configurar (un token de usuario del sistema no caduca).</translation>
    </message>
    <message>
        <source>Meta limited how fast this number sends. Puente slows down and retries by itself; if it happens every day, spread campaigns over more time.</source>
        <translation>Meta limitó la velocidad de envío de este número. Puente frena y reintenta solo; si pasa cada día, reparte las campañas en más tiempo.</translation>
    </message>
    <message>
        <source>Too many messages to the same person in a short time. Wait a few seconds between messages to one contact.</source>
        <translation>Demasiados mensajes a la misma persona en poco tiempo. Espera unos segundos entre mensajes a un mismo contacto.</translation>
    </message>
    <message>
        <source>Meta is limiting this number because people blocked or reported it. Send fewer unsolicited messages.</source>
        <translation>Meta está limitando este número porque la gente lo bloqueó o lo denunció. Envía menos mensajes no solicitados.</translation>
    </message>
    <message>
        <source>The number cannot receive WhatsApp messages (not on WhatsApp, an old app, or it has not accepted the new terms). Reach the candidate another way.</source>
        <translation>El número no puede recibir mensajes de WhatsApp (no usa WhatsApp, tiene una versión antigua o no aceptó los nuevos términos). Contacta al candidato por otra vía.</translation>
    </message>
    <message>
        <source>A test number can only write to the numbers on its allowed list in Meta&apos;s app. Add the number there or use the production number.</source>
        <translation>Un número de prueba solo puede escribir a los números de su lista permitida en la app de Meta. Añade el número allí o usa el número de producción.</translation>
    </message>
    <message>
        <source>More than 24 hours since the candidate last wrote: send an approved template instead of free text.</source>
        <translation>Han pasado más de 24 horas desde que el candidato escribió: envía una plantilla aprobada en lugar de texto libre.</translation>
    </message>
    <message>
        <source>Meta held back this marketing message to protect the person&apos;s experience. Try again after 24 hours, or use a utility template.</source>
        <translation>Meta retuvo este mensaje de marketing para proteger la experiencia de la persona. Vuelve a intentarlo pasadas 24 horas o usa una plantilla de utilidad.</translation>
    </message>
    <message>
        <source>The person has stopped marketing messages from your company.</source>
        <translation>La persona ha desactivado los mensajes de marketing de tu empresa.</translation>
    </message>
    <message>
        <source>There is a billing problem with the WhatsApp Business account. Check the payment method in Meta Business Suite.</source>
        <translation>Hay un problema de facturación en la cuenta de WhatsApp Business. Revisa el método de pago en Meta Business Suite.</translation>
    </message>
    <message>
        <source>Meta has restricted or locked the account for a policy reason. Check Account quality in WhatsApp Manager.</source>
        <translation>Meta ha restringido o bloqueado la cuenta por incumplir sus políticas. Revisa «Calidad de la cuenta» en el Administrador de WhatsApp.</translation>
    </message>
    <message>
        <source>The file could not be sent. Check its type and size (images up to 5 MB, videos and audio up to 16 MB, documents up to 100 MB).</source>
        <translation>No se pudo enviar el archivo. Revisa su tipo y tamaño (imágenes hasta 5 MB, vídeos y audios hasta 16 MB, documentos hasta 100 MB).</translation>
    </message>
    <message>
        <source>A temporary problem at Meta. Retry later; if it keeps happening, contact Meta support.</source>
        <translation>Un problema temporal en Meta. Reinténtalo más tarde; si sigue pasando, contacta con el soporte de Meta.</translation>
    </message>
    <message>
        <source>The template&apos;s parameters do not match what Meta approved. Check the template&apos;s placeholders and sync templates.</source>
        <translation>Los parámetros de la plantilla no coinciden con lo que Meta aprobó. Revisa sus variables y sincroniza las plantillas.</translation>
    </message>
    <message>
        <source>The template does not exist in that language or is not approved yet. Sync templates and check its status.</source>
        <translation>La plantilla no existe en ese idioma o aún no está aprobada. Sincroniza las plantillas y revisa su estado.</translation>
    </message>
    <message>
        <source>The template content breaks WhatsApp&apos;s policies. Edit it in WhatsApp Manager.</source>
        <translation>El contenido de la plantilla incumple las políticas de WhatsApp. Edítala en el Administrador de WhatsApp.</translation>
    </message>
    <message>
        <source>The template is paused or disabled because of low quality. Check it in WhatsApp Manager and use another one.</source>
        <translation>La plantilla está pausada o desactivada por baja calidad. Revísala en el Administrador de WhatsApp y usa otra.</translation>
    </message>
    <message>
        <source>The phone number is not registered with the Cloud API. Register it in WhatsApp Manager, then test the connection.</source>
        <translation>El número no está registrado en la Cloud API. Regístralo en el Administrador de WhatsApp y luego prueba la conexión.</translation>
    </message>
    <message>
        <source>Puente could not confirm the send. Check the conversation and retry the message if it did not arrive.</source>
        <translation>Puente no pudo confirmar el envío. Revisa la conversación y reintenta el mensaje si no llegó.</translation>
    </message>
    <message>
        <source>Look up Meta&apos;s error code %1 in the Cloud API documentation, or give the code to whoever set up WhatsApp.</source>
        <translation>Busca el código de error %1 de Meta en la documentación de la Cloud API o pásaselo a quien configuró WhatsApp.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>hace %n minuto</numerusform>
            <numerusform>hace %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>hace %n hora</numerusform>
            <numerusform>hace %n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>A System User token never expires: in Meta Business Suite, Business settings → Users → System users → Generate new token, with whatsapp_business_messaging and whatsapp_business_management.</source>
        <translation>Un token de usuario del sistema no caduca nunca: en Meta Business Suite, Configuración del negocio → Usuarios → Usuarios del sistema → Generar nuevo token, con whatsapp_business_messaging y whatsapp_business_management.</translation>
    </message>
    <message>
        <source>Meta does not accept the access token: %1</source>
        <translation>Meta no acepta el token de acceso: %1</translation>
    </message>
    <message>
        <source>System User token: it never expires.</source>
        <translation>Token de usuario del sistema: no caduca nunca.</translation>
    </message>
    <message>
        <source>The access token never expires.</source>
        <translation>El token de acceso no caduca nunca.</translation>
    </message>
    <message>
        <source>The access token expires in less than a day (%1).</source>
        <translation>El token de acceso caduca en menos de un día (%1).</translation>
    </message>
    <message numerus="yes">
        <source>The access token expires in %n day(s) (%1).</source>
        <translation>
            <numerusform>El token de acceso caduca en %n día (%1).</numerusform>
            <numerusform>El token de acceso caduca en %n días (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Puente renews it before then.</source>
        <translation>Puente lo renueva antes.</translation>
    </message>
    <message>
        <source>Paste a new token before then, or give your app ID and app secret so that Puente renews it. %1</source>
        <translation>Pega un token nuevo antes de esa fecha, o indica el ID y la clave secreta de tu app para que Puente lo renueve. %1</translation>
    </message>
    <message>
        <source>The last renewal failed: %1</source>
        <translation>La última renovación falló: %1</translation>
    </message>
    <message>
        <source>Puente tries again tomorrow; check the app ID and app secret. %1</source>
        <translation>Puente lo vuelve a intentar mañana; revisa el ID y la clave secreta de la app. %1</translation>
    </message>
</context>
<context>
    <name>puente::ui::AdminText</name>
    <message>
        <source>The server does not answer, so nothing was changed. Try again when it is back.</source>
        <translation>El servidor no responde, así que no se cambió nada. Vuelve a intentarlo cuando esté disponible.</translation>
    </message>
    <message>
        <source>You do not have permission to do this: only your company&apos;s administrators can.</source>
        <translation>No tienes permiso para hacer esto: solo pueden los administradores de tu empresa.</translation>
    </message>
    <message>
        <source>Too many requests to the server. Wait a moment and try again.</source>
        <translation>Demasiadas peticiones al servidor. Espera un momento y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>It no longer exists: someone else may have changed it. The list has been reloaded.</source>
        <translation>Ya no existe: puede que otra persona lo haya cambiado. Se ha vuelto a cargar la lista.</translation>
    </message>
    <message>
        <source>Today %1</source>
        <translation>Hoy %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Ayer %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Basic</source>
        <translation>Básico</translation>
    </message>
    <message>
        <source>Pro</source>
        <translation>Pro</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Empresa</translation>
    </message>
</context>
<context>
    <name>puente::ui::ApiKeysPage</name>
    <message>
        <source>API keys</source>
        <translation>Claves de API</translation>
    </message>
    <message>
        <source>Keys let your company&apos;s other programs (a CRM, a script) read conversations and send messages through Puente. They send the key as “Authorization: Bearer &lt;key&gt;”.</source>
        <translation>Las claves permiten que otros programas de tu empresa (un CRM, un script) lean conversaciones y envíen mensajes a través de Puente. Envían la clave como “Authorization: Bearer &lt;clave&gt;”.</translation>
    </message>
    <message>
        <source>Create key…</source>
        <translation>Crear clave…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Revocar…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>Prefijo</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Permisos</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Último uso</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>the API keys</source>
        <translation>las claves de API</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>No API keys yet. Create one when a program of your company needs to use Puente.</source>
        <translation>Todavía no hay claves de API. Crea una cuando un programa de tu empresa necesite usar Puente.</translation>
    </message>
    <message>
        <source>Key “%1” created.</source>
        <translation>Clave “%1” creada.</translation>
    </message>
    <message>
        <source>Your new API key</source>
        <translation>Tu nueva clave de API</translation>
    </message>
    <message>
        <source>This is the key “%1”. Paste it into the program that will use it.</source>
        <translation>Esta es la clave “%1”. Pégala en el programa que la va a usar.</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>Revocar clave de API</translation>
    </message>
    <message>
        <source>Revoke the key “%1”? It stops working at once: whatever uses it can no longer reach Puente. This cannot be undone.</source>
        <translation>¿Revocar la clave “%1”? Deja de funcionar al instante: lo que la use ya no podrá acceder a Puente. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Revocar</translation>
    </message>
    <message>
        <source>Key “%1” revoked.</source>
        <translation>Clave “%1” revocada.</translation>
    </message>
    <message>
        <source>Revoked · %1</source>
        <translation>Revocada · %1</translation>
    </message>
</context>
<context>
    <name>puente::ui::AuditLogPage</name>
    <message>
        <source>administrator</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>agente</translation>
    </message>
    <message>
        <source>the access token</source>
        <translation>el token de acceso</translation>
    </message>
    <message>
        <source>the phone number ID</source>
        <translation>el identificador del número</translation>
    </message>
    <message>
        <source>the business account ID</source>
        <translation>el identificador de la cuenta de empresa</translation>
    </message>
    <message>
        <source>the webhook verify token</source>
        <translation>el token de verificación del webhook</translation>
    </message>
    <message>
        <source>the app secret</source>
        <translation>el secreto de la app</translation>
    </message>
    <message>
        <source>the WhatsApp Web fallback</source>
        <translation>la alternativa de WhatsApp Web</translation>
    </message>
    <message>
        <source>the sending speed</source>
        <translation>la velocidad de envío</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 y %2</translation>
    </message>
    <message>
        <source>%1 signed in</source>
        <translation>%1 inició sesión</translation>
    </message>
    <message>
        <source>%1 signed out</source>
        <translation>%1 cerró sesión</translation>
    </message>
    <message>
        <source>%1 could not sign in: wrong password</source>
        <translation>%1 no pudo entrar: contraseña incorrecta</translation>
    </message>
    <message>
        <source>%1 could not sign in: the company is suspended</source>
        <translation>%1 no pudo entrar: la empresa está suspendida</translation>
    </message>
    <message>
        <source>Someone tried to sign in as %1, an account that does not exist</source>
        <translation>Alguien intentó entrar como %1, una cuenta que no existe</translation>
    </message>
    <message>
        <source>%1 created the user %2 (%3)</source>
        <translation>%1 creó el usuario %2 (%3)</translation>
    </message>
    <message>
        <source>%1 deactivated the user %2</source>
        <translation>%1 desactivó al usuario %2</translation>
    </message>
    <message>
        <source>%1 reset the password of %2</source>
        <translation>%1 restableció la contraseña de %2</translation>
    </message>
    <message>
        <source>made them %1</source>
        <translation>lo hizo %1</translation>
    </message>
    <message>
        <source>renamed them “%1”</source>
        <translation>le cambió el nombre a «%1»</translation>
    </message>
    <message>
        <source>reactivated them</source>
        <translation>lo reactivó</translation>
    </message>
    <message>
        <source>reset their password</source>
        <translation>restableció su contraseña</translation>
    </message>
    <message>
        <source>%1 changed the user %2</source>
        <translation>%1 cambió el usuario %2</translation>
    </message>
    <message>
        <source>%1 changed the user %2: %3</source>
        <translation>%1 cambió el usuario %2: %3</translation>
    </message>
    <message>
        <source>%1 created the API key “%2”</source>
        <translation>%1 creó la clave API «%2»</translation>
    </message>
    <message>
        <source>%1 revoked an API key</source>
        <translation>%1 revocó una clave API</translation>
    </message>
    <message>
        <source>%1 revoked the API key “%2”</source>
        <translation>%1 revocó la clave API «%2»</translation>
    </message>
    <message>
        <source>%1 set up WhatsApp</source>
        <translation>%1 configuró WhatsApp</translation>
    </message>
    <message>
        <source>%1 saved the WhatsApp configuration without changes</source>
        <translation>%1 guardó la configuración de WhatsApp sin cambios</translation>
    </message>
    <message>
        <source>%1 changed %2</source>
        <translation>%1 cambió %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 synced the templates with Meta (%n found)</source>
        <translation>
            <numerusform>%1 sincronizó las plantillas con Meta (%n encontrada)</numerusform>
            <numerusform>%1 sincronizó las plantillas con Meta (%n encontradas)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 sent a failed message again</source>
        <translation>%1 reenvió un mensaje fallido</translation>
    </message>
    <message>
        <source>%1 dismissed a failed message</source>
        <translation>%1 descartó un mensaje fallido</translation>
    </message>
    <message>
        <source>%1 started a conversation with %2</source>
        <translation>%1 inició una conversación con %2</translation>
    </message>
    <message>
        <source>%1 archived a conversation</source>
        <translation>%1 archivó una conversación</translation>
    </message>
    <message>
        <source>%1 blocked a contact</source>
        <translation>%1 bloqueó un contacto</translation>
    </message>
    <message>
        <source>%1 reopened a conversation</source>
        <translation>%1 reabrió una conversación</translation>
    </message>
    <message>
        <source>%1 unassigned a conversation</source>
        <translation>%1 dejó una conversación sin asignar</translation>
    </message>
    <message>
        <source>%1 assigned a conversation</source>
        <translation>%1 asignó una conversación</translation>
    </message>
    <message>
        <source>%1 changed a conversation</source>
        <translation>%1 cambió una conversación</translation>
    </message>
    <message>
        <source>%1 created the company %2</source>
        <translation>%1 creó la empresa %2</translation>
    </message>
    <message>
        <source>renamed it “%1”</source>
        <translation>le cambió el nombre a «%1»</translation>
    </message>
    <message>
        <source>moved it to the %1 plan</source>
        <translation>la pasó al plan %1</translation>
    </message>
    <message>
        <source>%1 changed the company: %2</source>
        <translation>%1 cambió la empresa: %2</translation>
    </message>
    <message>
        <source>%1 suspended the company</source>
        <translation>%1 suspendió la empresa</translation>
    </message>
    <message>
        <source>%1 suspended the company: “%2”</source>
        <translation>%1 suspendió la empresa: «%2»</translation>
    </message>
    <message>
        <source>%1 resumed the company</source>
        <translation>%1 reactivó la empresa</translation>
    </message>
    <message>
        <source>%1 (platform operator) looked into this company</source>
        <translation>%1 (operador de la plataforma) consultó esta empresa</translation>
    </message>
    <message>
        <source>%1 (platform operator) made a change in this company</source>
        <translation>%1 (operador de la plataforma) hizo un cambio en esta empresa</translation>
    </message>
    <message>
        <source>%1 replayed a webhook that had not been processed</source>
        <translation>%1 reprocesó un webhook que no se había procesado</translation>
    </message>
    <message>
        <source>%1 ran into the plan&apos;s limit of active users</source>
        <translation>%1 topó con el límite de usuarios activos del plan</translation>
    </message>
    <message>
        <source>%1 ran into the plan&apos;s limit of conversations started this month</source>
        <translation>%1 topó con el límite de conversaciones iniciadas este mes del plan</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Auditoría</translation>
    </message>
    <message>
        <source>Export to CSV…</source>
        <translation>Exportar a CSV…</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Everyone, or an email</source>
        <translation>Todos, o un correo</translation>
    </message>
    <message>
        <source>Every action</source>
        <translation>Todas las acciones</translation>
    </message>
    <message>
        <source>Sign-ins</source>
        <translation>Inicios de sesión</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Claves API</translation>
    </message>
    <message>
        <source>WhatsApp configuration</source>
        <translation>Configuración de WhatsApp</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Company and plan</source>
        <translation>Empresa y plan</translation>
    </message>
    <message>
        <source>Plan limits</source>
        <translation>Límites del plan</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Platform operators</source>
        <translation>Operadores de la plataforma</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Todo</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Show older entries</source>
        <translation>Ver entradas anteriores</translation>
    </message>
    <message>
        <source>No entries for these filters.</source>
        <translation>No hay entradas con estos filtros.</translation>
    </message>
    <message>
        <source>the audit log</source>
        <translation>la auditoría</translation>
    </message>
    <message>
        <source>The API key “%1”</source>
        <translation>La clave API «%1»</translation>
    </message>
    <message>
        <source>Puente (%1)</source>
        <translation>Puente (%1)</translation>
    </message>
    <message>
        <source>audit-log-%1.csv</source>
        <translation>auditoria-%1.csv</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Exportar la auditoría</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exporting… %n entries so far</source>
        <translation>
            <numerusform>Exportando… %n entrada por ahora</numerusform>
            <numerusform>Exportando… %n entradas por ahora</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>No se exportó nada: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objeto</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message numerus="yes">
        <source>%n entries exported to %1.</source>
        <translation>
            <numerusform>%n entrada exportada a %1.</numerusform>
            <numerusform>%n entradas exportadas a %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>the app ID</source>
        <translation>el ID de la app</translation>
    </message>
    <message numerus="yes">
        <source>The access token expires in %n day(s)</source>
        <translation>
            <numerusform>El token de acceso caduca en %n día</numerusform>
            <numerusform>El token de acceso caduca en %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>The access token has expired</source>
        <translation>El token de acceso ha caducado</translation>
    </message>
    <message>
        <source>Meta no longer accepts the access token</source>
        <translation>Meta ya no acepta el token de acceso</translation>
    </message>
    <message>
        <source>Puente renewed the access token; the new one expires on %1</source>
        <translation>Puente renovó el token de acceso; el nuevo caduca el %1</translation>
    </message>
    <message>
        <source>Puente could not renew the access token</source>
        <translation>Puente no pudo renovar el token de acceso</translation>
    </message>
</context>
<context>
    <name>puente::ui::CampaignText</name>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programada</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>today at %1</source>
        <translation>hoy a las %1</translation>
    </message>
    <message>
        <source>tomorrow at %1</source>
        <translation>mañana a las %1</translation>
    </message>
    <message>
        <source>yesterday at %1</source>
        <translation>ayer a las %1</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>el %1 a las %2</translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s)</source>
        <translation>
            <numerusform>alrededor de %n segundo</numerusform>
            <numerusform>alrededor de %n segundos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>alrededor de %n minuto</numerusform>
            <numerusform>alrededor de %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s)</source>
        <translation>
            <numerusform>alrededor de %n hora</numerusform>
            <numerusform>alrededor de %n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n day(s)</source>
        <translation>
            <numerusform>alrededor de %n día</numerusform>
            <numerusform>alrededor de %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused by hand. Resume it to go on.</source>
        <translation>Pausada a mano. Reanúdala para seguir.</translation>
    </message>
    <message>
        <source>Paused by %1. Resume it to go on.</source>
        <translation>Pausada por %1. Reanúdala para seguir.</translation>
    </message>
    <message>
        <source>Puente paused it: your number&apos;s quality rating dropped to red (low), and Meta may lower its limits or block it. Check the templates&apos; feedback in WhatsApp Manager before resuming.</source>
        <translation>Puente la pausó: la calificación de calidad de tu número bajó a rojo (baja) y Meta puede reducir sus límites o bloquearlo. Revisa los comentarios de las plantillas en WhatsApp Manager antes de reanudarla.</translation>
    </message>
    <message>
        <source>Puente paused it: your number&apos;s quality rating dropped to yellow (medium), and this campaign was set to pause then.</source>
        <translation>Puente la pausó: la calificación de calidad de tu número bajó a amarillo (media) y esta campaña estaba configurada para pausarse entonces.</translation>
    </message>
    <message>
        <source>Puente paused it: Meta limits this number for spam (error 131048) because many people blocked or reported it. Wait, and review the campaign before resuming.</source>
        <translation>Puente la pausó: Meta limita este número por spam (error 131048) porque mucha gente lo bloqueó o lo denunció. Espera y revisa la campaña antes de reanudarla.</translation>
    </message>
    <message>
        <source>Puente paused it: Meta held back %1 messages in a minute to protect people&apos;s experience (error 131049). Resume later, or send to fewer people.</source>
        <translation>Puente la pausó: Meta retuvo %1 mensajes en un minuto para proteger la experiencia de la gente (error 131049). Reanúdala más tarde o envíala a menos personas.</translation>
    </message>
    <message>
        <source>Puente paused it: Meta refused the access token (error 190). Enter a new one on the WhatsApp page, then resume.</source>
        <translation>Puente la pausó: Meta rechazó el token de acceso (error 190). Introduce uno nuevo en la página WhatsApp y luego reanúdala.</translation>
    </message>
    <message>
        <source>Puente paused it: its template cannot be sent any more.</source>
        <translation>Puente la pausó: su plantilla ya no se puede enviar.</translation>
    </message>
    <message>
        <source>Puente paused it: its template cannot be sent any more. %1</source>
        <translation>Puente la pausó: su plantilla ya no se puede enviar. %1</translation>
    </message>
    <message>
        <source>Puente paused it: your plan&apos;s message limit was reached. An administrator of Puente can raise it; then resume.</source>
        <translation>Puente la pausó: se alcanzó el límite de mensajes de tu plan. Un administrador de Puente puede ampliarlo; después, reanúdala.</translation>
    </message>
    <message>
        <source>Puente paused it: WhatsApp (Cloud API) is no longer connected for your company. Set it up on the WhatsApp page, then resume.</source>
        <translation>Puente la pausó: WhatsApp (Cloud API) ya no está conectado para tu empresa. Configúralo en la página WhatsApp y luego reanúdala.</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>En pausa.</translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation>En pausa: %1</translation>
    </message>
    <message>
        <source>Waiting: Meta&apos;s limit of %1 people every 24 hours is reached. It goes on by itself %2.</source>
        <translation>En espera: se alcanzó el límite de Meta de %1 personas cada 24 horas. Sigue sola %2.</translation>
    </message>
    <message>
        <source>Waiting: Meta&apos;s messaging limit is reached. It goes on by itself %1.</source>
        <translation>En espera: se alcanzó el límite de mensajes de Meta. Sigue sola %1.</translation>
    </message>
    <message>
        <source>Waiting: Meta&apos;s messaging limit is reached. It goes on by itself.</source>
        <translation>En espera: se alcanzó el límite de mensajes de Meta. Sigue sola cuando se pueda.</translation>
    </message>
    <message>
        <source>Waiting.</source>
        <translation>En espera.</translation>
    </message>
    <message>
        <source>Waiting: %1</source>
        <translation>En espera: %1</translation>
    </message>
    <message numerus="yes">
        <source>Not started: %n candidate(s) ready.</source>
        <translation>
            <numerusform>Sin iniciar: %n candidato listo.</numerusform>
            <numerusform>Sin iniciar: %n candidatos listos.</numerusform>
        </translation>
    </message>
    <message>
        <source>No list of candidates yet.</source>
        <translation>Aún no tiene lista de candidatos.</translation>
    </message>
    <message>
        <source>Starts %1.</source>
        <translation>Empieza %1.</translation>
    </message>
    <message>
        <source>Starts soon.</source>
        <translation>Empieza en breve.</translation>
    </message>
    <message>
        <source>Sending; ends %1.</source>
        <translation>Enviando; termina %1.</translation>
    </message>
    <message>
        <source>Sending the last messages.</source>
        <translation>Enviando los últimos mensajes.</translation>
    </message>
    <message>
        <source>Finished %1.</source>
        <translation>Terminada %1.</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>Terminada.</translation>
    </message>
    <message>
        <source>Cancelled %1.</source>
        <translation>Cancelada %1.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelada.</translation>
    </message>
    <message>
        <source>Not a phone number.</source>
        <translation>No es un número de teléfono.</translation>
    </message>
    <message>
        <source>“%1” is not a phone number. Write it with its country code, such as +34 612 345 678.</source>
        <translation>«%1» no es un número de teléfono. Escríbelo con su prefijo de país, como +34 612 345 678.</translation>
    </message>
    <message>
        <source>No phone number.</source>
        <translation>No tiene número de teléfono.</translation>
    </message>
    <message>
        <source>“%1” is empty, and the message needs it.</source>
        <translation>«%1» está vacío y el mensaje lo necesita.</translation>
    </message>
    <message>
        <source>“%1” is longer than WhatsApp allows there (60 characters in a header, 1,024 in the text).</source>
        <translation>«%1» es más largo de lo que WhatsApp permite ahí (60 caracteres en un encabezado, 1024 en el texto).</translation>
    </message>
    <message>
        <source>“%1” cannot be used in the message.</source>
        <translation>«%1» no se puede usar en el mensaje.</translation>
    </message>
    <message>
        <source>The same number is on an earlier line.</source>
        <translation>El mismo número está en una línea anterior.</translation>
    </message>
    <message>
        <source>The candidate asked for no more automatic messages (opt-out).</source>
        <translation>El candidato pidió no recibir más mensajes automáticos (baja).</translation>
    </message>
    <message>
        <source>The candidate is blocked in Conversations.</source>
        <translation>El candidato está bloqueado en Conversaciones.</translation>
    </message>
    <message>
        <source>A value the message needs was empty.</source>
        <translation>Faltaba un valor que el mensaje necesita.</translation>
    </message>
    <message>
        <source>Your plan&apos;s message limit was reached.</source>
        <translation>Se alcanzó el límite de mensajes de tu plan.</translation>
    </message>
    <message>
        <source>WhatsApp was not connected.</source>
        <translation>WhatsApp no estaba conectado.</translation>
    </message>
    <message>
        <source>The campaign was cancelled before it was their turn.</source>
        <translation>La campaña se canceló antes de que le tocara.</translation>
    </message>
    <message>
        <source>WhatsApp did not say why.</source>
        <translation>WhatsApp no dijo por qué.</translation>
    </message>
    <message>
        <source>WhatsApp refused the message (Meta&apos;s error %1).</source>
        <translation>WhatsApp rechazó el mensaje (error de Meta %1).</translation>
    </message>
    <message>
        <source>WhatsApp refused the message (Meta&apos;s error %1: %2).</source>
        <translation>WhatsApp rechazó el mensaje (error de Meta %1: %2).</translation>
    </message>
    <message>
        <source>The file is saved as UTF-16 (“Unicode text”), not UTF-8. Save it as “CSV UTF-8” and choose it again.</source>
        <translation>El archivo está guardado como UTF-16 («Texto Unicode»), no como UTF-8. Guárdalo como «CSV UTF-8» y vuelve a elegirlo.</translation>
    </message>
    <message>
        <source>Line %1 contains binary data: this is not a CSV text file. Save it as “CSV UTF-8” and choose it again.</source>
        <translation>La línea %1 contiene datos binarios: no es un archivo de texto CSV. Guárdalo como «CSV UTF-8» y vuelve a elegirlo.</translation>
    </message>
    <message>
        <source>The file could not be read past line %1. Choose it again.</source>
        <translation>No se pudo leer el archivo más allá de la línea %1. Vuelve a elegirlo.</translation>
    </message>
    <message>
        <source>Line %1 opens a quotation mark (&quot;) that is never closed. Close it in the file and choose the file again.</source>
        <translation>La línea %1 abre unas comillas (&quot;) que nunca se cierran. Ciérralas en el archivo y vuelve a elegirlo.</translation>
    </message>
    <message>
        <source>Line %1 is far longer than in any list of candidates. Check that every quotation mark (&quot;) is closed, or that this is the right file.</source>
        <translation>La línea %1 es mucho más larga que en cualquier lista de candidatos. Comprueba que todas las comillas (&quot;) estén cerradas o que sea el archivo correcto.</translation>
    </message>
    <message>
        <source>Line %1 has more than %2 columns. Check that the file is separated by commas or semicolons, or that this is the right file.</source>
        <translation>La línea %1 tiene más de %2 columnas. Comprueba que el archivo esté separado por comas o por punto y coma, o que sea el archivo correcto.</translation>
    </message>
    <message>
        <source>Line %1 is not UTF-8 text. Save the file as “CSV UTF-8” and choose it again.</source>
        <translation>La línea %1 no es texto UTF-8. Guarda el archivo como «CSV UTF-8» y vuelve a elegirlo.</translation>
    </message>
    <message>
        <source>The file is empty. Its first line names the columns (telefono, nombre…), then one line per candidate.</source>
        <translation>El archivo está vacío. Su primera línea nombra las columnas (telefono, nombre…) y luego va una línea por candidato.</translation>
    </message>
    <message>
        <source>The file has no column with the phone numbers. Its first line must name one “telefono” (or phone, movil, celular, mobile, whatsapp, numero).</source>
        <translation>El archivo no tiene ninguna columna con los números de teléfono. Su primera línea debe llamar a una «telefono» (o phone, movil, celular, mobile, whatsapp, numero).</translation>
    </message>
    <message>
        <source>The template needs the column “%1”, which the file does not have.</source>
        <translation>La plantilla necesita la columna «%1», que el archivo no tiene.</translation>
    </message>
    <message>
        <source>The file cannot be used: %1</source>
        <translation>No se puede usar el archivo: %1</translation>
    </message>
    <message>
        <source>This campaign has nobody to send to yet: give it a list of candidates (a CSV file) first.</source>
        <translation>Esta campaña aún no tiene a quién enviar: dale primero una lista de candidatos (un archivo CSV).</translation>
    </message>
    <message>
        <source>Its list of candidates is still being checked. Try again in a moment.</source>
        <translation>Su lista de candidatos aún se está revisando. Vuelve a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>The campaign cannot be sent: %1</source>
        <translation>La campaña no se puede enviar: %1</translation>
    </message>
    <message>
        <source>The campaign&apos;s template no longer exists. Sync the templates, or make a new campaign with another one.</source>
        <translation>La plantilla de la campaña ya no existe. Sincroniza las plantillas o crea una campaña nueva con otra.</translation>
    </message>
    <message>
        <source>The campaign is not ready to start: %1</source>
        <translation>La campaña no está lista para empezar: %1</translation>
    </message>
    <message>
        <source>Campaigns go out through the WhatsApp Cloud API, and it is not connected for your company. Set it up on the WhatsApp page first.</source>
        <translation>Las campañas salen por la Cloud API de WhatsApp, y no está conectada para tu empresa. Configúrala primero en la página WhatsApp.</translation>
    </message>
    <message>
        <source>The campaign cannot do that in its current state: someone may have changed it meanwhile. The list has been reloaded.</source>
        <translation>La campaña no puede hacer eso en su estado actual: puede que alguien la haya cambiado mientras tanto. Se ha recargado la lista.</translation>
    </message>
    <message>
        <source>Only a draft can be changed or deleted. Cancel the campaign instead.</source>
        <translation>Solo se puede cambiar o eliminar un borrador. Cancela la campaña en su lugar.</translation>
    </message>
    <message>
        <source>Your plan sends a campaign to at most %1 candidates, and the file has more. Split the file, or ask for a bigger plan.</source>
        <translation>Tu plan envía una campaña a %1 candidatos como máximo, y el archivo tiene más. Divide el archivo o pide un plan mayor.</translation>
    </message>
    <message>
        <source>Your plan&apos;s limit was reached. An administrator of Puente can raise it.</source>
        <translation>Se alcanzó el límite de tu plan. Un administrador de Puente puede ampliarlo.</translation>
    </message>
    <message>
        <source>Give the campaign a name (at most 200 characters).</source>
        <translation>Ponle un nombre a la campaña (200 caracteres como máximo).</translation>
    </message>
    <message>
        <source>That template no longer exists in this language. Sync the templates, or choose another one.</source>
        <translation>Esa plantilla ya no existe en este idioma. Sincroniza las plantillas o elige otra.</translation>
    </message>
    <message>
        <source>Choose a column, or write the fixed text.</source>
        <translation>Elige una columna o escribe el texto fijo.</translation>
    </message>
    <message>
        <source>The file is too large: at most 64 MB.</source>
        <translation>El archivo es demasiado grande: 64 MB como máximo.</translation>
    </message>
    <message>
        <source>The file must be CSV: from a spreadsheet, save it as “CSV UTF-8”.</source>
        <translation>El archivo debe ser CSV: desde una hoja de cálculo, guárdalo como «CSV UTF-8».</translation>
    </message>
    <message>
        <source>The campaign no longer exists: someone may have deleted it. The list has been reloaded.</source>
        <translation>La campaña ya no existe: puede que alguien la haya eliminado. Se ha recargado la lista.</translation>
    </message>
    <message>
        <source>a second or less</source>
        <translation>un segundo o menos</translation>
    </message>
    <message>
        <source>Paused by Puente: the number&apos;s quality dropped to red.</source>
        <translation>Pausada por Puente: la calidad del número bajó a rojo.</translation>
    </message>
    <message>
        <source>Paused by Puente: the number&apos;s quality dropped to yellow.</source>
        <translation>Pausada por Puente: la calidad del número bajó a amarillo.</translation>
    </message>
    <message>
        <source>Paused by Puente: Meta limits the number for spam.</source>
        <translation>Pausada por Puente: Meta limita el número por spam.</translation>
    </message>
    <message>
        <source>Paused by Puente: Meta held messages back.</source>
        <translation>Pausada por Puente: Meta retuvo mensajes.</translation>
    </message>
    <message>
        <source>Paused by Puente: Meta refused the access token.</source>
        <translation>Pausada por Puente: Meta rechazó el token de acceso.</translation>
    </message>
    <message>
        <source>Paused by Puente: the template cannot be sent.</source>
        <translation>Pausada por Puente: la plantilla no se puede enviar.</translation>
    </message>
    <message>
        <source>Paused by Puente: the plan&apos;s message limit was reached.</source>
        <translation>Pausada por Puente: se alcanzó el límite de mensajes del plan.</translation>
    </message>
    <message>
        <source>Paused by Puente: WhatsApp is not connected.</source>
        <translation>Pausada por Puente: WhatsApp no está conectado.</translation>
    </message>
    <message>
        <source>Waiting for Meta&apos;s daily limit; goes on by itself %1.</source>
        <translation>Esperando al límite diario de Meta; sigue sola %1.</translation>
    </message>
    <message>
        <source>Waiting for Meta&apos;s daily limit; goes on by itself.</source>
        <translation>Esperando al límite diario de Meta; sigue sola.</translation>
    </message>
</context>
<context>
    <name>puente::ui::CampaignWizard</name>
    <message>
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation>Dejar como borrador</translation>
    </message>
    <message>
        <source>Start now</source>
        <translation>Iniciar ahora</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Elegir archivo…</translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation>Aún no has elegido ningún archivo.</translation>
    </message>
    <message>
        <source>The file&apos;s first rows</source>
        <translation>Las primeras filas del archivo</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>Where each placeholder takes its value from</source>
        <translation>De dónde toma su valor cada marcador</translation>
    </message>
    <message>
        <source>This template has no placeholders: every candidate receives the same text.</source>
        <translation>Esta plantilla no tiene marcadores: todos los candidatos reciben el mismo texto.</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Candidato</translation>
    </message>
    <message>
        <source>As received by</source>
        <translation>Tal como lo recibe</translation>
    </message>
    <message>
        <source>Values go in exactly as the file has them: check dates, amounts and capital letters.</source>
        <translation>Los valores se ponen tal como están en el archivo: revisa fechas, importes y mayúsculas.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Warehouse staff, Valencia – March</source>
        <translation>Mozos de almacén, Valencia – marzo</translation>
    </message>
    <message>
        <source>Only your team sees it: the candidates receive the template.</source>
        <translation>Solo lo ve tu equipo: los candidatos reciben la plantilla.</translation>
    </message>
    <message>
        <source>When I start it</source>
        <translation>Cuando la inicie</translation>
    </message>
    <message>
        <source>Not before</source>
        <translation>No antes de</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Hora de inicio</translation>
    </message>
    <message>
        <source>With a time, starting it schedules it: it goes out from then on, in your computer&apos;s time zone.</source>
        <translation>Con una hora, al iniciarla queda programada: se envía a partir de entonces, en la zona horaria de tu ordenador.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Pause it if the number&apos;s quality drops to yellow (medium), not only to red</source>
        <translation>Pausarla si la calidad del número baja a amarillo (media), no solo a rojo</translation>
    </message>
    <message>
        <source>Rows left out</source>
        <translation>Filas descartadas</translation>
    </message>
    <message>
        <source>Save all issues…</source>
        <translation>Guardar todos los problemas…</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>The candidates</source>
        <translation>Los candidatos</translation>
    </message>
    <message>
        <source>Choose the CSV file with your candidates: a column with their phone numbers (telefono), and the others the message needs (nombre, puesto…). From a spreadsheet, save it as “CSV UTF-8”.</source>
        <translation>Elige el archivo CSV con tus candidatos: una columna con sus números de teléfono (telefono) y las demás que necesite el mensaje (nombre, puesto…). Desde una hoja de cálculo, guárdalo como «CSV UTF-8».</translation>
    </message>
    <message>
        <source>The message</source>
        <translation>El mensaje</translation>
    </message>
    <message>
        <source>Choose an approved template and, for each placeholder, the column of the file that fills it in, or a text that is the same for everyone.</source>
        <translation>Elige una plantilla aprobada y, para cada marcador, la columna del archivo que lo rellena, o un texto igual para todos.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>The message as these candidates will receive it on WhatsApp.</source>
        <translation>El mensaje tal como lo recibirán estos candidatos en WhatsApp.</translation>
    </message>
    <message>
        <source>Name and start</source>
        <translation>Nombre e inicio</translation>
    </message>
    <message>
        <source>Next, Puente creates the campaign as a draft and checks every row of the file. Nothing is sent until you start it.</source>
        <translation>A continuación, Puente crea la campaña como borrador y revisa cada fila del archivo. No se envía nada hasta que la inicies.</translation>
    </message>
    <message>
        <source>The list, checked</source>
        <translation>La lista, revisada</translation>
    </message>
    <message>
        <source>The campaign is created. This is what Puente found in the file: start it now, or keep it as a draft and start it later from the list.</source>
        <translation>La campaña está creada. Esto es lo que Puente encontró en el archivo: iníciala ahora o déjala como borrador e iníciala más tarde desde la lista.</translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3</source>
        <translation>Paso %1 de %2 · %3</translation>
    </message>
    <message>
        <source>Create campaign</source>
        <translation>Crear campaña</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programar</translation>
    </message>
    <message>
        <source>Choose the file of candidates</source>
        <translation>Elige el archivo de candidatos</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Archivos CSV (*.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>No se puede abrir %1: %2</translation>
    </message>
    <message>
        <source>Not read: the column has no name, or the same name as an earlier one.</source>
        <translation>No se lee: la columna no tiene nombre o tiene el mismo que otra anterior.</translation>
    </message>
    <message>
        <source>Read as “%1”</source>
        <translation>Se lee como «%1»</translation>
    </message>
    <message>
        <source>The file has its column names but no candidates: add one line per candidate.</source>
        <translation>El archivo tiene los nombres de las columnas pero ningún candidato: añade una línea por candidato.</translation>
    </message>
    <message>
        <source>Phone numbers come from the column &lt;b&gt;“%1”&lt;/b&gt;. Numbers without a country code are read as numbers of your company&apos;s country.</source>
        <translation>Los números de teléfono salen de la columna &lt;b&gt;«%1»&lt;/b&gt;. Los números sin prefijo de país se leen como números del país de tu empresa.</translation>
    </message>
    <message>
        <source>The message can use %1.</source>
        <translation>El mensaje puede usar %1.</translation>
    </message>
    <message>
        <source>Not read (no name, or a name already used): %1.</source>
        <translation>No se leen (sin nombre o con un nombre ya usado): %1.</translation>
    </message>
    <message numerus="yes">
        <source>The first %n row(s) are shown; every row is checked once the campaign is created.</source>
        <translation>
            <numerusform>Se muestra la primera fila; todas se revisan cuando se crea la campaña.</numerusform>
            <numerusform>Se muestran las primeras %n filas; todas se revisan cuando se crea la campaña.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot load the templates: the server does not answer.</source>
        <translation>No se pueden cargar las plantillas: el servidor no responde.</translation>
    </message>
    <message>
        <source>Cannot load the templates: %1</source>
        <translation>No se pueden cargar las plantillas: %1</translation>
    </message>
    <message>
        <source>There is no approved template yet. Create one in WhatsApp Manager, then sync the templates on the Templates page.</source>
        <translation>Aún no hay ninguna plantilla aprobada. Crea una en WhatsApp Manager y sincroniza las plantillas en la página Plantillas.</translation>
    </message>
    <message>
        <source>Header file (an https link)</source>
        <translation>Archivo del encabezado (un enlace https)</translation>
    </message>
    <message>
        <source>Header {{%1}}</source>
        <translation>Encabezado {{%1}}</translation>
    </message>
    <message>
        <source>Text {{%1}}</source>
        <translation>Texto {{%1}}</translation>
    </message>
    <message>
        <source>Button “%1”: end of its link</source>
        <translation>Botón «%1»: final de su enlace</translation>
    </message>
    <message>
        <source>Choose a column…</source>
        <translation>Elige una columna…</translation>
    </message>
    <message>
        <source>Column “%1”</source>
        <translation>Columna «%1»</translation>
    </message>
    <message>
        <source>Fixed text…</source>
        <translation>Texto fijo…</translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation>Valor de %1</translation>
    </message>
    <message>
        <source>Fixed text for %1</source>
        <translation>Texto fijo para %1</translation>
    </message>
    <message>
        <source>The same text for everyone</source>
        <translation>El mismo texto para todos</translation>
    </message>
    <message>
        <source>First row: %1</source>
        <translation>Primera fila: %1</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Elige una plantilla.</translation>
    </message>
    <message>
        <source>Write the text, or choose a column.</source>
        <translation>Escribe el texto o elige una columna.</translation>
    </message>
    <message>
        <source>Choose the column that fills it in, or “Fixed text…”.</source>
        <translation>Elige la columna que lo rellena, o «Texto fijo…».</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Línea %1: %2</translation>
    </message>
    <message>
        <source>This row has nothing in “%1”: this candidate will be left out.</source>
        <translation>Esta fila no tiene nada en «%1»: este candidato quedará fuera.</translation>
    </message>
    <message>
        <source>The header&apos;s value is longer than 60 characters, WhatsApp&apos;s limit: this candidate will be left out.</source>
        <translation>El valor del encabezado supera los 60 caracteres, el límite de WhatsApp: este candidato quedará fuera.</translation>
    </message>
    <message>
        <source>Give the campaign a name, such as “Warehouse staff, Valencia”.</source>
        <translation>Ponle un nombre a la campaña, como «Mozos de almacén, Valencia».</translation>
    </message>
    <message>
        <source>Choose a time in the future, or “When I start it”.</source>
        <translation>Elige una hora futura, o «Cuando la inicie».</translation>
    </message>
    <message>
        <source>Creating the campaign…</source>
        <translation>Creando la campaña…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>Checking every row of the file…</source>
        <translation>Revisando cada fila del archivo…</translation>
    </message>
    <message>
        <source>The file was not taken, and the campaign was not kept: %1</source>
        <translation>No se aceptó el archivo y la campaña no se guardó: %1</translation>
    </message>
    <message>
        <source>The campaign was not created: %1</source>
        <translation>No se creó la campaña: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s) will receive it</source>
        <translation>
            <numerusform>%n candidato lo recibirá</numerusform>
            <numerusform>%n candidatos lo recibirán</numerusform>
        </translation>
    </message>
    <message>
        <source>Rows read</source>
        <translation>Filas leídas</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Aceptadas</translation>
    </message>
    <message>
        <source>Repeated numbers</source>
        <translation>Números repetidos</translation>
    </message>
    <message>
        <source>Not valid (number or values)</source>
        <translation>No válidas (número o valores)</translation>
    </message>
    <message>
        <source>Asked for no more messages (opt-out)</source>
        <translation>Pidieron no recibir más mensajes (baja)</translation>
    </message>
    <message>
        <source>Blocked in Conversations</source>
        <translation>Bloqueados en Conversaciones</translation>
    </message>
    <message>
        <source>%1
The file has: %2</source>
        <translation>%1
El archivo tiene: %2</translation>
    </message>
    <message>
        <source>None: every row can receive it.</source>
        <translation>Ninguna: todas las filas pueden recibirlo.</translation>
    </message>
    <message>
        <source>The first %1 of %2 rows left out; save all of them to see the rest.</source>
        <translation>Las primeras %1 de %2 filas descartadas; guárdalas todas para ver el resto.</translation>
    </message>
    <message>
        <source>WhatsApp is not connected yet: the campaign cannot start until an administrator sets it up on the WhatsApp page.</source>
        <translation>WhatsApp aún no está conectado: la campaña no puede empezar hasta que un administrador lo configure en la página WhatsApp.</translation>
    </message>
    <message>
        <source>At your number&apos;s pace (%1 messages a second), sending it takes %2.</source>
        <translation>Al ritmo de tu número (%1 mensajes por segundo), enviarla lleva %2.</translation>
    </message>
    <message>
        <source>Meta does not limit how many people your number may start conversations with.</source>
        <translation>Meta no limita con cuántas personas puede iniciar conversaciones tu número.</translation>
    </message>
    <message>
        <source>under 1 %</source>
        <translation>menos del 1 %</translation>
    </message>
    <message>
        <source>It uses %1 of the %2 people Meta lets your number start conversations with every 24 hours (%3); other conversations you start count too.</source>
        <translation>Usa %1 de las %2 personas con las que Meta deja a tu número iniciar conversaciones cada 24 horas (%3); las demás conversaciones que inicies también cuentan.</translation>
    </message>
    <message numerus="yes">
        <source>Meta lets your number start conversations with %1 people every 24 hours, so this campaign takes at least %n day(s): it waits for the limit and goes on by itself.</source>
        <translation>
            <numerusform>Meta deja a tu número iniciar conversaciones con %1 personas cada 24 horas, así que esta campaña lleva al menos %n día: espera al límite y sigue sola.</numerusform>
            <numerusform>Meta deja a tu número iniciar conversaciones con %1 personas cada 24 horas, así que esta campaña lleva al menos %n días: espera al límite y sigue sola.</numerusform>
        </translation>
    </message>
    <message>
        <source>(Meta has not told your number&apos;s limit yet: Puente counts 250, the limit of a new number.)</source>
        <translation>(Meta aún no ha dicho el límite de tu número: Puente cuenta 250, el límite de un número nuevo).</translation>
    </message>
    <message>
        <source>%1 - rows left out.csv</source>
        <translation>%1 - filas descartadas.csv</translation>
    </message>
    <message>
        <source>Save the rows left out</source>
        <translation>Guardar las filas descartadas</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Guardado en %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No se guardó: %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>The campaign did not start: %1</source>
        <translation>La campaña no empezó: %1</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>«%1»</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>p. ej., %1</translation>
    </message>
</context>
<context>
    <name>puente::ui::CampaignsPage</name>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>A campaign sends one approved template to a list of candidates from a CSV file, at your number&apos;s pace and within Meta&apos;s limits. Follow how many received, read and answered it, and why some did not.</source>
        <translation>Una campaña envía una plantilla aprobada a una lista de candidatos de un archivo CSV, al ritmo de tu número y dentro de los límites de Meta. Sigue cuántos la recibieron, la leyeron y respondieron, y por qué algunos no.</translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation>Nueva campaña…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>No campaigns yet.</source>
        <translation>Aún no hay campañas.</translation>
    </message>
    <message>
        <source>Export your candidates from a spreadsheet as a CSV file (a column with their phone numbers, and any others the message needs), choose an approved template, and Puente sends it to each of them.</source>
        <translation>Exporta tus candidatos desde una hoja de cálculo como archivo CSV (una columna con sus números de teléfono y las demás que necesite el mensaje), elige una plantilla aprobada y Puente se la envía a cada uno.</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregados</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leídos</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Respondieron</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallidos</translation>
    </message>
    <message>
        <source>Why / when</source>
        <translation>Por qué / cuándo</translation>
    </message>
    <message>
        <source>Messages handed to WhatsApp, of the candidates on the list</source>
        <translation>Mensajes entregados a WhatsApp, de los candidatos de la lista</translation>
    </message>
    <message>
        <source>Select a campaign to see how it is going.</source>
        <translation>Selecciona una campaña para ver cómo va.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Cancel campaign…</source>
        <translation>Cancelar campaña…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>Download results…</source>
        <translation>Descargar resultados…</translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation>Embudo</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>Candidatos</translation>
    </message>
    <message>
        <source>Waiting their turn</source>
        <translation>Esperando su turno</translation>
    </message>
    <message>
        <source>Being sent</source>
        <translation>Enviándose</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>No enviados</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelados</translation>
    </message>
    <message>
        <source>Each step counts everyone who got that far: a message read was also sent and delivered. Replied: wrote back within 72 hours.</source>
        <translation>Cada paso cuenta a todos los que llegaron hasta ahí: un mensaje leído también se envió y se entregó. Respondieron: escribieron en las 72 horas siguientes.</translation>
    </message>
    <message>
        <source>Why some did not receive it</source>
        <translation>Por qué algunos no lo recibieron</translation>
    </message>
    <message>
        <source>Failed recipients</source>
        <translation>Destinatarios fallidos</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Candidato</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>the campaigns</source>
        <translation>las campañas</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>No list</source>
        <translation>Sin lista</translation>
    </message>
    <message>
        <source>%1 of %2 candidates handed to WhatsApp</source>
        <translation>%1 de %2 candidatos entregados a WhatsApp</translation>
    </message>
    <message>
        <source>Template: %1 (%2)</source>
        <translation>Plantilla: %1 (%2)</translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation>Creada %1</translation>
    </message>
    <message>
        <source>started %1</source>
        <translation>empezó %1</translation>
    </message>
    <message>
        <source>starts %1</source>
        <translation>empieza %1</translation>
    </message>
    <message>
        <source>expected to end %1</source>
        <translation>terminará previsiblemente %1</translation>
    </message>
    <message>
        <source>cancelled %1</source>
        <translation>cancelada %1</translation>
    </message>
    <message>
        <source>finished %1</source>
        <translation>terminó %1</translation>
    </message>
    <message>
        <source>No message failed.</source>
        <translation>Ningún mensaje falló.</translation>
    </message>
    <message>
        <source>Failed, by Meta&apos;s error:</source>
        <translation>Fallidos, por error de Meta:</translation>
    </message>
    <message>
        <source>Nobody was left out.</source>
        <translation>No se dejó fuera a nadie.</translation>
    </message>
    <message>
        <source>Not sent:</source>
        <translation>No enviados:</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programar</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>No failed messages.</source>
        <translation>No hay mensajes fallidos.</translation>
    </message>
    <message numerus="yes">
        <source>The first %n failed; download the results for all of them.</source>
        <translation>
            <numerusform>El primer fallido; descarga los resultados para verlos todos.</numerusform>
            <numerusform>Los primeros %n fallidos; descarga los resultados para verlos todos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot load the failed recipients: the server does not answer.</source>
        <translation>No se pueden cargar los destinatarios fallidos: el servidor no responde.</translation>
    </message>
    <message>
        <source>Cannot load the failed recipients: %1</source>
        <translation>No se pueden cargar los destinatarios fallidos: %1</translation>
    </message>
    <message>
        <source>Campaign “%1” started.</source>
        <translation>Campaña «%1» iniciada.</translation>
    </message>
    <message>
        <source>Campaign “%1” kept as a draft: start it when you are ready.</source>
        <translation>Campaña «%1» guardada como borrador: iníciala cuando quieras.</translation>
    </message>
    <message>
        <source>Campaign “%1” paused: nothing more is sent until you resume it.</source>
        <translation>Campaña «%1» en pausa: no se envía nada más hasta que la reanudes.</translation>
    </message>
    <message>
        <source>Campaign “%1” resumed.</source>
        <translation>Campaña «%1» reanudada.</translation>
    </message>
    <message>
        <source>Cancel campaign</source>
        <translation>Cancelar campaña</translation>
    </message>
    <message numerus="yes">
        <source>Cancel “%1”? Nobody else receives it (%n candidate(s) still waiting). What was sent stays sent, and the campaign cannot be started again.</source>
        <translation>
            <numerusform>¿Cancelar «%1»? Nadie más la recibe (%n candidato aún en espera). Lo enviado queda enviado y la campaña no se puede volver a iniciar.</numerusform>
            <numerusform>¿Cancelar «%1»? Nadie más la recibe (%n candidatos aún en espera). Lo enviado queda enviado y la campaña no se puede volver a iniciar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign “%1” cancelled.</source>
        <translation>Campaña «%1» cancelada.</translation>
    </message>
    <message>
        <source>Delete campaign</source>
        <translation>Eliminar campaña</translation>
    </message>
    <message>
        <source>Delete the draft “%1” and its list of candidates?</source>
        <translation>¿Eliminar el borrador «%1» y su lista de candidatos?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Campaign “%1” deleted.</source>
        <translation>Campaña «%1» eliminada.</translation>
    </message>
    <message>
        <source>%1 - results.csv</source>
        <translation>%1 - resultados.csv</translation>
    </message>
    <message>
        <source>Save the campaign&apos;s results</source>
        <translation>Guardar los resultados de la campaña</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Results saved to %1.</source>
        <translation>Resultados guardados en %1.</translation>
    </message>
    <message>
        <source>The results were not saved: %1</source>
        <translation>No se guardaron los resultados: %1</translation>
    </message>
    <message>
        <source>Campaign “%1” scheduled: it starts %2.</source>
        <translation>Campaña «%1» programada: empieza %2.</translation>
    </message>
</context>
<context>
    <name>puente::ui::ChatPanel</name>
    <message>
        <source>Assign</source>
        <translation>Asignar</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Asignarme</translation>
    </message>
    <message>
        <source>Unassign</source>
        <translation>Quitar asignación</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivar</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>Marcar como leído</translation>
    </message>
    <message>
        <source>Cancel the reply</source>
        <translation>Cancelar la respuesta</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Adjuntar</translation>
    </message>
    <message>
        <source>Send a file: image, document, audio or video</source>
        <translation>Enviar un archivo: imagen, documento, audio o vídeo</translation>
    </message>
    <message>
        <source>Write a message (Enter sends, Shift+Enter for a new line)</source>
        <translation>Escribe un mensaje (Intro envía, Mayús+Intro para otra línea)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Choose a template…</source>
        <translation>Elegir una plantilla…</translation>
    </message>
    <message numerus="yes">
        <source>· window open for %n more hour(s)</source>
        <translation>
            <numerusform>· ventana abierta %n hora más</numerusform>
            <numerusform>· ventana abierta %n horas más</numerusform>
        </translation>
    </message>
    <message>
        <source>· window closes in less than an hour</source>
        <translation>· la ventana se cierra en menos de una hora</translation>
    </message>
    <message>
        <source>· window closed: templates only</source>
        <translation>· ventana cerrada: solo plantillas</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>Desarchivar</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Assigned to me</source>
        <translation>Asignada a mí</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Asignada</translation>
    </message>
    <message>
        <source>This contact is blocked: nothing can be sent. Unblock them to write again.</source>
        <translation>Este contacto está bloqueado: no se puede enviar nada. Desbloquéalo para volver a escribirle.</translation>
    </message>
    <message>
        <source>%1 has not written to you yet. WhatsApp only allows an approved template until they answer.</source>
        <translation>%1 todavía no te ha escrito. WhatsApp solo permite enviar una plantilla aprobada hasta que responda.</translation>
    </message>
    <message>
        <source>The 24-hour window is closed: %1 last wrote on %2. WhatsApp only allows an approved template until they answer.</source>
        <translation>La ventana de 24 horas está cerrada: %1 escribió por última vez el %2. WhatsApp solo permite enviar una plantilla aprobada hasta que responda.</translation>
    </message>
    <message>
        <source>No connection to the server: you can write, and send once it is back</source>
        <translation>Sin conexión con el servidor: puedes escribir y enviar cuando vuelva</translation>
    </message>
    <message>
        <source>Replying to: %1</source>
        <translation>Respondiendo a: %1</translation>
    </message>
    <message>
        <source>Not sent: there is no connection to the server. Your message is kept here; send it again when the connection is back.</source>
        <translation>No enviado: no hay conexión con el servidor. Tu mensaje se conserva aquí; vuelve a enviarlo cuando regrese la conexión.</translation>
    </message>
    <message>
        <source>Not sent: the 24-hour window is closed. Send a template instead.</source>
        <translation>No enviado: la ventana de 24 horas está cerrada. Envía una plantilla.</translation>
    </message>
    <message>
        <source>Not sent: this contact is blocked. Unblock them to write.</source>
        <translation>No enviado: este contacto está bloqueado. Desbloquéalo para escribirle.</translation>
    </message>
    <message>
        <source>Not sent: WhatsApp is not set up for your company yet. Ask an administrator to configure it.</source>
        <translation>No enviado: WhatsApp aún no está configurado para tu empresa. Pide a un administrador que lo configure.</translation>
    </message>
    <message>
        <source>Not sent: your company&apos;s account is suspended (%1).</source>
        <translation>No enviado: la cuenta de tu empresa está suspendida (%1).</translation>
    </message>
    <message>
        <source>Not allowed: %1</source>
        <translation>No permitido: %1</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>No enviado: %1</translation>
    </message>
    <message>
        <source>No connection to the server: the message was not sent and is kept here. Send it again when the connection is back.</source>
        <translation>Sin conexión con el servidor: el mensaje no se ha enviado y se conserva aquí. Vuelve a enviarlo cuando regrese la conexión.</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>Enviar un archivo</translation>
    </message>
    <message>
        <source>The file is too large for WhatsApp (at most 100 MB).</source>
        <translation>El archivo es demasiado grande para WhatsApp (máximo 100 MB).</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>No se puede leer el archivo: %1</translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation>Subiendo %1…</translation>
    </message>
    <message>
        <source>WhatsApp does not take %1: %2</source>
        <translation>WhatsApp no acepta %1: %2</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copiar texto</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Guardar como…</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Volver a enviar</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>This file has not been downloaded from WhatsApp yet; try again in a moment.</source>
        <translation>Este archivo aún no se ha descargado de WhatsApp; inténtalo de nuevo en un momento.</translation>
    </message>
    <message>
        <source>Save file</source>
        <translation>Guardar archivo</translation>
    </message>
    <message>
        <source>Cannot get the file: %1</source>
        <translation>No se puede obtener el archivo: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Guardado en %1</translation>
    </message>
    <message>
        <source>No automatic notices</source>
        <translation>Sin avisos automáticos</translation>
    </message>
    <message>
        <source>This contact asked for no more automatic notices (opt-out). Allow them again only if they ask for it.</source>
        <translation>Este contacto pidió no recibir más avisos automáticos (baja). Vuelve a permitirlos solo si te lo pide.</translation>
    </message>
    <message>
        <source>Allow automatic notices again</source>
        <translation>Volver a permitir avisos automáticos</translation>
    </message>
    <message>
        <source>Not sent: there is no connection to the server. Attach the file again when the connection is back.</source>
        <translation>No se envió: no hay conexión con el servidor. Vuelve a adjuntar el archivo cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>Not saved: there is no connection to the server. Try again when the connection is back.</source>
        <translation>No se guardó: no hay conexión con el servidor. Vuelve a intentarlo cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>Not sent again: there is no connection to the server. Try again when the connection is back.</source>
        <translation>No se reenvió: no hay conexión con el servidor. Vuelve a intentarlo cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>Not dismissed: there is no connection to the server. Try again when the connection is back.</source>
        <translation>No se descartó: no hay conexión con el servidor. Vuelve a intentarlo cuando vuelva la conexión.</translation>
    </message>
    <message numerus="yes">
        <source>Too many requests: wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Demasiadas solicitudes: espera %n segundo y vuelve a intentarlo.</numerusform>
            <numerusform>Demasiadas solicitudes: espera %n segundos y vuelve a intentarlo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No se guardó: %1</translation>
    </message>
    <message>
        <source>Not dismissed: %1</source>
        <translation>No se descartó: %1</translation>
    </message>
    <message>
        <source>Not marked as read: %1</source>
        <translation>No se marcó como leído: %1</translation>
    </message>
    <message>
        <source>The 24-hour window is closed: %1 last wrote on %2, in the imported chat. WhatsApp only allows an approved template until they answer.</source>
        <translation>La ventana de 24 horas está cerrada: %1 escribió por última vez el %2, en el chat importado. WhatsApp solo permite una plantilla aprobada hasta que responda.</translation>
    </message>
</context>
<context>
    <name>puente::ui::ConsoleController</name>
    <message>
        <source>Puente already runs its local server for %1 in this window; restart Puente to switch.</source>
        <translation>Puente ya ejecuta su servidor local para %1 en esta ventana; reinicia Puente para cambiar.</translation>
    </message>
    <message>
        <source>the demo</source>
        <translation>la demostración</translation>
    </message>
    <message>
        <source>your company</source>
        <translation>tu empresa</translation>
    </message>
    <message>
        <source>The local server could not start: %1</source>
        <translation>No se pudo iniciar el servidor local: %1</translation>
    </message>
    <message>
        <source>The demo could not sign in: %1</source>
        <translation>La demostración no pudo iniciar sesión: %1</translation>
    </message>
    <message>
        <source>Your session has ended (it expired or was closed elsewhere). Sign in again.</source>
        <translation>Tu sesión ha terminado (caducó o se cerró en otro lugar). Vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>Cannot reach the server you used last time. Check the address and your connection.</source>
        <translation>No se puede contactar con el servidor que usaste la última vez. Revisa la dirección y tu conexión.</translation>
    </message>
    <message>
        <source>This computer (the demo)</source>
        <translation>Este equipo (la demo)</translation>
    </message>
    <message>
        <source>The demo&apos;s accounts: %1 (recruiter) or %2 (administrator), password %3.</source>
        <translation>Cuentas de la demo: %1 (reclutador) o %2 (administrador), contraseña %3.</translation>
    </message>
</context>
<context>
    <name>puente::ui::ConversationDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloqueada</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivada</translation>
    </message>
</context>
<context>
    <name>puente::ui::ConversationListModel</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensaje de voz</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Sticker</translation>
    </message>
    <message>
        <source>Template %1</source>
        <translation>Plantilla %1</translation>
    </message>
    <message>
        <source>Media not included in the export</source>
        <translation>Archivo multimedia no incluido en la exportación</translation>
    </message>
</context>
<context>
    <name>puente::ui::ConversationsPage</name>
    <message>
        <source>Search by name, number or message</source>
        <translation>Buscar por nombre, número o mensaje</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nueva</translation>
    </message>
    <message>
        <source>Start a conversation with a phone number</source>
        <translation>Iniciar una conversación con un número de teléfono</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Mías</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activas</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivadas</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloqueadas</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Choose a conversation on the left, or start one with New.</source>
        <translation>Elige una conversación a la izquierda o inicia una con «Nueva».</translation>
    </message>
    <message>
        <source>No conversations here yet.</source>
        <translation>Todavía no hay conversaciones aquí.</translation>
    </message>
    <message>
        <source>Nothing matches your search.</source>
        <translation>Nada coincide con tu búsqueda.</translation>
    </message>
    <message>
        <source>Cannot load the conversations: no connection to the server. They will load when it is back.</source>
        <translation>No se pueden cargar las conversaciones: no hay conexión con el servidor. Se cargarán cuando vuelva.</translation>
    </message>
    <message>
        <source>Cannot load the conversations: %1</source>
        <translation>No se pueden cargar las conversaciones: %1</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Nueva conversación</translation>
    </message>
    <message>
        <source>+34 612 345 678</source>
        <translation>+34 612 345 678</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>With the country code. The first message to a new contact must be an approved template.</source>
        <translation>Con el prefijo del país. El primer mensaje a un contacto nuevo debe ser una plantilla aprobada.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Type the phone number.</source>
        <translation>Escribe el número de teléfono.</translation>
    </message>
    <message>
        <source>That is not a valid phone number. Type it with the country code, e.g. +34 612 345 678.</source>
        <translation>No es un número de teléfono válido. Escríbelo con el prefijo del país, por ejemplo +34 612 345 678.</translation>
    </message>
    <message>
        <source>No connection to the server. Try again when it is back.</source>
        <translation>Sin conexión con el servidor. Inténtalo de nuevo cuando vuelva.</translation>
    </message>
    <message>
        <source>Choose a company at the top left to see its conversations.</source>
        <translation>Elige una empresa arriba a la izquierda para ver sus conversaciones.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Import an old WhatsApp chat (the .txt or .zip of &quot;Export chat&quot;); you can also drop the file on a chat</source>
        <translation>Importa un chat antiguo de WhatsApp (el .txt o .zip de «Exportar chat»); también puedes soltar el archivo sobre un chat</translation>
    </message>
    <message>
        <source>Import chat</source>
        <translation>Importar chat</translation>
    </message>
    <message>
        <source>WhatsApp chat exports (*.txt *.zip)</source>
        <translation>Chats exportados de WhatsApp (*.txt *.zip)</translation>
    </message>
</context>
<context>
    <name>puente::ui::CreateApiKeyDialog</name>
    <message>
        <source>Read conversations and messages</source>
        <translation>Leer conversaciones y mensajes</translation>
    </message>
    <message>
        <source>Change conversations (assign, archive, mark read)</source>
        <translation>Cambiar conversaciones (asignar, archivar, marcar como leídas)</translation>
    </message>
    <message>
        <source>Send messages</source>
        <translation>Enviar mensajes</translation>
    </message>
    <message>
        <source>Create API key</source>
        <translation>Crear clave de API</translation>
    </message>
    <message>
        <source>An API key lets another program of your company (a CRM, a script) use Puente. It can only do what you tick here, never manage users or settings.</source>
        <translation>Una clave de API permite que otro programa de tu empresa (un CRM, un script) use Puente. Solo puede hacer lo que marques aquí, nunca gestionar usuarios ni la configuración.</translation>
    </message>
    <message>
        <source>What uses it, such as “CRM sync”</source>
        <translation>Qué la usa, por ejemplo “Sincronización CRM”</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Create key</source>
        <translation>Crear clave</translation>
    </message>
    <message>
        <source>Give the key a name, so you know later what uses it.</source>
        <translation>Ponle un nombre a la clave para saber después qué la usa.</translation>
    </message>
    <message>
        <source>Tick at least one thing the key may do.</source>
        <translation>Marca al menos una cosa que pueda hacer la clave.</translation>
    </message>
    <message>
        <source>The name must have 1 to 100 characters.</source>
        <translation>El nombre debe tener de 1 a 100 caracteres.</translation>
    </message>
    <message>
        <source>The server does not accept these permissions: %1</source>
        <translation>El servidor no acepta estos permisos: %1</translation>
    </message>
    <message>
        <source>Allowed to</source>
        <translation>Puede</translation>
    </message>
    <message>
        <source>read</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>change</source>
        <translation>cambiar</translation>
    </message>
    <message>
        <source>send</source>
        <translation>enviar</translation>
    </message>
    <message>
        <source>Send the CRM&apos;s notifications (events to templates)</source>
        <translation>Enviar los avisos del CRM (eventos a plantillas)</translation>
    </message>
    <message>
        <source>notifications</source>
        <translation>avisos</translation>
    </message>
    <message>
        <source>Run campaigns (one template to a list of candidates)</source>
        <translation>Lanzar campañas (una plantilla a una lista de candidatos)</translation>
    </message>
    <message>
        <source>campaigns</source>
        <translation>campañas</translation>
    </message>
</context>
<context>
    <name>puente::ui::DeadLettersWidget</name>
    <message>
        <source>Nothing waiting: every webhook Meta sent was processed.</source>
        <translation>Nada pendiente: se procesaron todos los webhooks que envió Meta.</translation>
    </message>
    <message>
        <source>Nothing waiting: every webhook belonged to a company.</source>
        <translation>Nada pendiente: todos los webhooks pertenecían a alguna empresa.</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Why it was not processed</source>
        <translation>Por qué no se procesó</translation>
    </message>
    <message>
        <source>Replays</source>
        <translation>Reenvíos</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Reprocesar</translation>
    </message>
    <message>
        <source>Process it again, once its cause is fixed (for example after connecting the number).</source>
        <translation>Procésalo de nuevo cuando su causa esté resuelta (por ejemplo, tras conectar el número).</translation>
    </message>
    <message>
        <source>Show content…</source>
        <translation>Ver contenido…</translation>
    </message>
    <message>
        <source>Whole webhook</source>
        <translation>Webhook completo</translation>
    </message>
    <message>
        <source>Replayed %1</source>
        <translation>Reprocesado %1</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Queued again: Puente processes it within seconds. If it fails again it comes back here with the new reason.</source>
        <translation>En cola de nuevo: Puente lo procesa en unos segundos. Si vuelve a fallar, aparecerá aquí con el nuevo motivo.</translation>
    </message>
    <message>
        <source>Webhook not processed</source>
        <translation>Webhook sin procesar</translation>
    </message>
    <message>
        <source>What Meta sent is below (Show Details). It may contain personal data: do not share it outside your company.</source>
        <translation>Lo que envió Meta está abajo («Mostrar detalles»). Puede contener datos personales: no lo compartas fuera de tu empresa.</translation>
    </message>
    <message>
        <source>No company has the phone number ID %1 connected. Connect it to the right company, then replay.</source>
        <translation>Ninguna empresa tiene conectado el identificador de número %1. Conéctalo a la empresa correcta y reprocésalo.</translation>
    </message>
    <message>
        <source>No company has the WhatsApp Business account %1 connected. Connect it to the right company, then replay.</source>
        <translation>Ninguna empresa tiene conectada la cuenta de WhatsApp Business %1. Conéctala a la empresa correcta y reprocésalo.</translation>
    </message>
    <message>
        <source>Storing it failed %1 times (%2). Replay it once the server is healthy.</source>
        <translation>Guardarlo falló %1 veces (%2). Reprocésalo cuando el servidor esté bien.</translation>
    </message>
    <message>
        <source>the webhooks not processed</source>
        <translation>los webhooks sin procesar</translation>
    </message>
    <message>
        <source>Signed with another company&apos;s app secret, so it was not trusted for %1 and can never be replayed. Check which Meta app sends it.</source>
        <translation>Firmado con el secreto de la app de otra empresa, así que no se confió en él para %1 y nunca podrá reprocesarse. Revisa qué app de Meta lo envía.</translation>
    </message>
    <message>
        <source>Cannot be replayed</source>
        <translation>No se puede reprocesar</translation>
    </message>
</context>
<context>
    <name>puente::ui::HealthPage</name>
    <message>
        <source>Health</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Plan and usage this month</source>
        <translation>Plan y consumo de este mes</translation>
    </message>
    <message>
        <source>Active users</source>
        <translation>Usuarios activos</translation>
    </message>
    <message>
        <source>Conversations started by your company</source>
        <translation>Conversaciones iniciadas por tu empresa</translation>
    </message>
    <message>
        <source>Connection with WhatsApp</source>
        <translation>Conexión con WhatsApp</translation>
    </message>
    <message>
        <source>Open the WhatsApp configuration…</source>
        <translation>Abrir la configuración de WhatsApp…</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <source>No message failed to send.</source>
        <translation>Ningún mensaje falló al enviarse.</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Why they failed</source>
        <translation>Por qué fallaron</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <source>Webhooks not processed</source>
        <translation>Webhooks sin procesar</translation>
    </message>
    <message>
        <source>Changes Meta sent that Puente could not store. Nothing is lost: once the cause is fixed, replay them.</source>
        <translation>Cambios que envió Meta y que Puente no pudo guardar. No se pierde nada: cuando la causa esté resuelta, reprocésalos.</translation>
    </message>
    <message>
        <source>Plan &lt;b&gt;%1&lt;/b&gt;. The month&apos;s counts start again on %2.</source>
        <translation>Plan &lt;b&gt;%1&lt;/b&gt;. Los contadores del mes se reinician el %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) sent and received this month.</source>
        <translation>
            <numerusform>%n mensaje enviado y recibido este mes.</numerusform>
            <numerusform>%n mensajes enviados y recibidos este mes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaigns reach up to %1 people each.</source>
        <translation>Cada campaña llega a un máximo de %1 personas.</translation>
    </message>
    <message>
        <source>A limit is reached: ask whoever runs your Puente for a bigger plan.</source>
        <translation>Has alcanzado un límite: pide un plan mayor a quien administra tu Puente.</translation>
    </message>
    <message>
        <source>WhatsApp is not set up.</source>
        <translation>WhatsApp no está configurado.</translation>
    </message>
    <message>
        <source>Set it up with the access token, phone number ID and business account ID from Meta&apos;s WhatsApp Manager.</source>
        <translation>Configúralo con el token de acceso, el identificador del número y el de la cuenta de empresa del Administrador de WhatsApp de Meta.</translation>
    </message>
    <message>
        <source>Connected via the Business API.</source>
        <translation>Conectado mediante la Business API.</translation>
    </message>
    <message>
        <source>Connected via the Business API: %1.</source>
        <translation>Conectado mediante la Business API: %1.</translation>
    </message>
    <message>
        <source>The connection is failing: %1</source>
        <translation>La conexión está fallando: %1</translation>
    </message>
    <message>
        <source>Open the WhatsApp configuration, fix what it says and press Test connection.</source>
        <translation>Abre la configuración de WhatsApp, corrige lo que indica y pulsa «Probar conexión».</translation>
    </message>
    <message>
        <source>The connection has not been tested yet.</source>
        <translation>La conexión aún no se ha probado.</translation>
    </message>
    <message>
        <source>Open the WhatsApp configuration and press Test connection.</source>
        <translation>Abre la configuración de WhatsApp y pulsa «Probar conexión».</translation>
    </message>
    <message>
        <source>The configuration is switched off: nothing is sent.</source>
        <translation>La configuración está desactivada: no se envía nada.</translation>
    </message>
    <message>
        <source>Switch it on in the WhatsApp configuration.</source>
        <translation>Actívala en la configuración de WhatsApp.</translation>
    </message>
    <message>
        <source>Many people blocked or reported your messages. Send fewer templates to people who did not ask for them, or Meta may lower your messaging limit.</source>
        <translation>Mucha gente bloqueó o denunció tus mensajes. Envía menos plantillas a quien no las pidió o Meta podría bajar tu límite de mensajes.</translation>
    </message>
    <message>
        <source>Quality is dropping: check which templates people block or report.</source>
        <translation>La calidad está bajando: revisa qué plantillas bloquea o denuncia la gente.</translation>
    </message>
    <message>
        <source>Quality rating:</source>
        <translation>Calificación de calidad:</translation>
    </message>
    <message>
        <source>Messaging limit:</source>
        <translation>Límite de mensajes:</translation>
    </message>
    <message>
        <source>No webhook from Meta has arrived yet.</source>
        <translation>Todavía no ha llegado ningún webhook de Meta.</translation>
    </message>
    <message>
        <source>Until one arrives, candidates&apos; replies and delivery ticks do not reach Puente. Check that the webhook URL and verify token are set in Meta&apos;s app and that the &apos;messages&apos; field is subscribed.</source>
        <translation>Hasta que llegue uno, las respuestas de los candidatos y las confirmaciones de entrega no llegan a Puente. Comprueba que la URL del webhook y el token de verificación están en la app de Meta y que el campo «messages» está suscrito.</translation>
    </message>
    <message>
        <source>Last webhook from Meta: %1.</source>
        <translation>Último webhook de Meta: %1.</translation>
    </message>
    <message>
        <source>That is a long time: if candidates have written since, check the webhook subscription in Meta&apos;s app.</source>
        <translation>Es mucho tiempo: si algún candidato ha escrito desde entonces, revisa la suscripción del webhook en la app de Meta.</translation>
    </message>
    <message>
        <source>Meta did not slow down your sends.</source>
        <translation>Meta no frenó tus envíos.</translation>
    </message>
    <message numerus="yes">
        <source>Meta slowed down your sends %n time(s), the last %1.</source>
        <translation>
            <numerusform>Meta frenó tus envíos %n vez, la última %1.</numerusform>
            <numerusform>Meta frenó tus envíos %n veces, la última %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The access token worked.</source>
        <translation>El token de acceso funcionó.</translation>
    </message>
    <message numerus="yes">
        <source>Meta refused the access token %n time(s), the last %1.</source>
        <translation>
            <numerusform>Meta rechazó el token de acceso %n vez, la última %1.</numerusform>
            <numerusform>Meta rechazó el token de acceso %n veces, la última %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (Meta error %2)</source>
        <translation>%1 (error %2 de Meta)</translation>
    </message>
    <message>
        <source>the health report</source>
        <translation>el informe de estado</translation>
    </message>
</context>
<context>
    <name>puente::ui::ImportChatDialog</name>
    <message>
        <source>Import chat</source>
        <translation>Importar chat</translation>
    </message>
    <message>
        <source>The chat&apos;s messages written by this author become your company&apos;s (outbound); the other author is the contact.</source>
        <translation>Los mensajes de este autor pasan a ser de tu empresa (enviados); el otro autor es el contacto.</translation>
    </message>
    <message>
        <source>Your company in this chat:</source>
        <translation>Tu empresa en este chat:</translation>
    </message>
    <message>
        <source>+34 612 34 56 78</source>
        <translation>+34 612 34 56 78</translation>
    </message>
    <message>
        <source>Contact&apos;s number:</source>
        <translation>Número del contacto:</translation>
    </message>
    <message>
        <source>Your company&apos;s time zone</source>
        <translation>La zona horaria de tu empresa</translation>
    </message>
    <message>
        <source>The time zone of the phone the chat was exported from: the file&apos;s times are read in it.</source>
        <translation>La zona horaria del teléfono desde el que se exportó el chat: las horas del archivo se leen en ella.</translation>
    </message>
    <message>
        <source>Times of the file in:</source>
        <translation>Horas del archivo en:</translation>
    </message>
    <message>
        <source>Imported messages are marked as such, never count as unread and do not reopen the 24-hour window. Importing the same chat again adds nothing twice.</source>
        <translation>Los mensajes importados quedan marcados como tales, nunca cuentan como no leídos y no reabren la ventana de 24 horas. Importar el mismo chat otra vez no duplica nada.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Open the conversation</source>
        <translation>Abrir la conversación</translation>
    </message>
    <message>
        <source>This file is not a WhatsApp chat export. In WhatsApp, open the chat, choose More &gt; Export chat, and import the .txt or .zip it makes.</source>
        <translation>Este archivo no es un chat exportado de WhatsApp. En WhatsApp, abre el chat, elige Más &gt; Exportar chat e importa el .txt o .zip que genera.</translation>
    </message>
    <message>
        <source>This is not a text file. Choose the chat&apos;s .txt, or the .zip WhatsApp made with it.</source>
        <translation>No es un archivo de texto. Elige el .txt del chat o el .zip que WhatsApp creó con él.</translation>
    </message>
    <message>
        <source>The file&apos;s text cannot be read. Export the chat again from WhatsApp and import that file unchanged.</source>
        <translation>No se puede leer el texto del archivo. Exporta el chat otra vez desde WhatsApp e importa ese archivo sin cambios.</translation>
    </message>
    <message>
        <source>This is a group&apos;s chat. Puente&apos;s conversations are with one contact each: export the one-to-one chat with the candidate instead.</source>
        <translation>Es el chat de un grupo. Las conversaciones de Puente son con un solo contacto: exporta en su lugar el chat individual con el candidato.</translation>
    </message>
    <message>
        <source>The chat holds no messages, only WhatsApp&apos;s notices.</source>
        <translation>El chat no tiene mensajes, solo avisos de WhatsApp.</translation>
    </message>
    <message>
        <source>Choose which author of the chat is your company.</source>
        <translation>Elige qué autor del chat es tu empresa.</translation>
    </message>
    <message>
        <source>The contact&apos;s number is not in the file&apos;s name nor in the chat: type it in &quot;Contact&apos;s number&quot;.</source>
        <translation>El número del contacto no está en el nombre del archivo ni en el chat: escríbelo en «Número del contacto».</translation>
    </message>
    <message>
        <source>The contact&apos;s number is not valid: write it with its country code, such as +34 612 34 56 78.</source>
        <translation>El número del contacto no es válido: escríbelo con su prefijo de país, como +34 612 34 56 78.</translation>
    </message>
    <message>
        <source>That time zone is not known: choose one from the list.</source>
        <translation>Esa zona horaria no existe: elige una de la lista.</translation>
    </message>
    <message>
        <source>The zip holds files outside its folder, which WhatsApp never makes: it was not imported. Export the chat again.</source>
        <translation>El zip contiene archivos fuera de su carpeta, algo que WhatsApp nunca hace: no se ha importado. Exporta el chat otra vez.</translation>
    </message>
    <message>
        <source>The zip is far larger unpacked than any chat export: it was not imported.</source>
        <translation>El zip descomprimido es mucho mayor que cualquier chat exportado: no se ha importado.</translation>
    </message>
    <message>
        <source>The zip is damaged and cannot be read. Export the chat again.</source>
        <translation>El zip está dañado y no se puede leer. Exporta el chat otra vez.</translation>
    </message>
    <message>
        <source>The file is larger than the server accepts (2 GB).</source>
        <translation>El archivo es mayor de lo que acepta el servidor (2 GB).</translation>
    </message>
    <message>
        <source>Only your company&apos;s administrators can import chats.</source>
        <translation>Solo los administradores de tu empresa pueden importar chats.</translation>
    </message>
    <message>
        <source>The server cannot be reached; nothing was imported. Try again when the connection is back.</source>
        <translation>No se puede contactar con el servidor; no se ha importado nada. Vuelve a intentarlo cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>The chat could not be imported: %1</source>
        <translation>No se pudo importar el chat: %1</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>No se puede leer el archivo: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 export with %n message(s), from %2 to %3.</source>
        <translation>
            <numerusform>Exportación de %1 con %n mensaje, del %2 al %3.</numerusform>
            <numerusform>Exportación de %1 con %n mensajes, del %2 al %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>iPhone</source>
        <translation>iPhone</translation>
    </message>
    <message>
        <source>Android</source>
        <translation>Android</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elige…</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n message(s))</source>
        <translation>
            <numerusform>%1 (%n mensaje)</numerusform>
            <numerusform>%1 (%n mensajes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending the file…</source>
        <translation>Enviando el archivo…</translation>
    </message>
    <message>
        <source>Waiting for the server to start the import…</source>
        <translation>Esperando a que el servidor empiece la importación…</translation>
    </message>
    <message numerus="yes">
        <source>Importing: %n message(s) read…</source>
        <translation>
            <numerusform>Importando: %n mensaje leído…</numerusform>
            <numerusform>Importando: %n mensajes leídos…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) imported into the conversation with %1.</source>
        <translation>
            <numerusform>%n mensaje importado a la conversación con %1.</numerusform>
            <numerusform>%n mensajes importados a la conversación con %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) were already there and were skipped.</source>
        <translation>
            <numerusform>%n mensaje ya estaba y se ha omitido.</numerusform>
            <numerusform>%n mensajes ya estaban y se han omitido.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) from the zip stored.</source>
        <translation>
            <numerusform>%n archivo del zip guardado.</numerusform>
            <numerusform>%n archivos del zip guardados.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s), audio(s) or document(s) were not included in the export.</source>
        <translation>
            <numerusform>%n foto, audio o documento no venía en la exportación.</numerusform>
            <numerusform>%n fotos, audios o documentos no venían en la exportación.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n WhatsApp notice(s) skipped (encryption, blocked contact…).</source>
        <translation>
            <numerusform>%n aviso de WhatsApp omitido (cifrado, contacto bloqueado…).</numerusform>
            <numerusform>%n avisos de WhatsApp omitidos (cifrado, contacto bloqueado…).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) of the file were not understood (line %1).</source>
        <translation>
            <numerusform>%n línea del archivo no se entendió (línea %1).</numerusform>
            <numerusform>%n líneas del archivo no se entendieron (línea %1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Leyendo el archivo…</translation>
    </message>
</context>
<context>
    <name>puente::ui::MainWindow</name>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Your session has ended (it expired or was closed elsewhere). Sign in again.</source>
        <translation>Tu sesión ha terminado (caducó o se cerró en otro lugar). Vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>&amp;Puente</source>
        <translation>&amp;Puente</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>este equipo</translation>
    </message>
    <message>
        <source>● Connected to the server (%1)</source>
        <translation>● Conectado al servidor (%1)</translation>
    </message>
    <message>
        <source>● Connecting to the server (%1)…</source>
        <translation>● Conectando con el servidor (%1)…</translation>
    </message>
    <message>
        <source>● No connection to the server (%1)</source>
        <translation>● Sin conexión con el servidor (%1)</translation>
    </message>
    <message>
        <source>No connection to the server. Puente keeps trying; new messages will appear when it is back. Nothing can be sent meanwhile: what you write stays in the text box.</source>
        <translation>Sin conexión con el servidor. Puente sigue intentándolo; los mensajes nuevos aparecerán cuando vuelva. Mientras tanto no se puede enviar nada: lo que escribas se queda en el cuadro de texto.</translation>
    </message>
    <message>
        <source>you can fix it under WhatsApp</source>
        <translation>puedes arreglarlo en WhatsApp</translation>
    </message>
    <message>
        <source>ask an administrator</source>
        <translation>pide ayuda a un administrador</translation>
    </message>
    <message>
        <source>number ID %1</source>
        <translation>identificador del número %1</translation>
    </message>
    <message>
        <source>WhatsApp is not set up yet: %1</source>
        <translation>WhatsApp aún no está configurado: %1</translation>
    </message>
    <message>
        <source>Connected via Business API · %1</source>
        <translation>Conectado vía Business API · %1</translation>
    </message>
    <message>
        <source>WhatsApp is failing (%1): %2</source>
        <translation>WhatsApp falla (%1): %2</translation>
    </message>
    <message>
        <source>WhatsApp set up (%1), not checked yet</source>
        <translation>WhatsApp configurado (%1), sin comprobar todavía</translation>
    </message>
    <message>
        <source>WhatsApp status unknown: %1</source>
        <translation>Estado de WhatsApp desconocido: %1</translation>
    </message>
    <message>
        <source>Sent a %1</source>
        <translation>Envió un %1</translation>
    </message>
    <message>
        <source>New WhatsApp message</source>
        <translation>Nuevo mensaje de WhatsApp</translation>
    </message>
    <message numerus="yes">
        <source>Puente: %n unread message(s)</source>
        <translation>
            <numerusform>Puente: %n mensaje sin leer</numerusform>
            <numerusform>Puente: %n mensajes sin leer</numerusform>
        </translation>
    </message>
    <message>
        <source>The company you are working in</source>
        <translation>La empresa en la que trabajas</translation>
    </message>
    <message>
        <source>Choose a company…</source>
        <translation>Elige una empresa…</translation>
    </message>
    <message>
        <source>Choose a company at the top left to see its conversations.</source>
        <translation>Elige una empresa arriba a la izquierda para ver sus conversaciones.</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Empresas</translation>
    </message>
    <message>
        <source>%1 (suspended)</source>
        <translation>%1 (suspendida)</translation>
    </message>
    <message>
        <source>Your company&apos;s access to Puente has been suspended. The server says: “%1”. Contact whoever runs your Puente; nothing was lost, and you can sign in again once it is resumed.</source>
        <translation>El acceso de tu empresa a Puente se ha suspendido. El servidor dice: «%1». Contacta con quien administra tu Puente; no se ha perdido nada y podrás volver a entrar cuando se reactive.</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Claves API</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Auditoría</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>WhatsApp status unknown (no connection)</source>
        <translation>Estado de WhatsApp desconocido (sin conexión)</translation>
    </message>
    <message numerus="yes">
        <source>The WhatsApp access token expires in %n day(s): after that nothing can be sent.</source>
        <translation>
            <numerusform>El token de acceso de WhatsApp caduca en %n día: después no se podrá enviar nada.</numerusform>
            <numerusform>El token de acceso de WhatsApp caduca en %n días: después no se podrá enviar nada.</numerusform>
        </translation>
    </message>
    <message>
        <source>Paste a new one</source>
        <translation>Pega uno nuevo</translation>
    </message>
    <message>
        <source>The WhatsApp access token has expired: nothing can be sent.</source>
        <translation>El token de acceso de WhatsApp ha caducado: no se puede enviar nada.</translation>
    </message>
    <message>
        <source>Meta no longer accepts the WhatsApp access token: nothing can be sent.</source>
        <translation>Meta ya no acepta el token de acceso de WhatsApp: no se puede enviar nada.</translation>
    </message>
    <message>
        <source>Puente could not renew the WhatsApp access token; it tries again tomorrow.</source>
        <translation>Puente no pudo renovar el token de acceso de WhatsApp; lo vuelve a intentar mañana.</translation>
    </message>
    <message>
        <source>Check the configuration</source>
        <translation>Revisa la configuración</translation>
    </message>
</context>
<context>
    <name>puente::ui::MessageDelegate</name>
    <message>
        <source>Waiting to be sent</source>
        <translation>Pendiente de envío</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leído</translation>
    </message>
    <message>
        <source>Played</source>
        <translation>Reproducido</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>No enviado</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Se eliminó este mensaje</translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation>Ubicación: %1</translation>
    </message>
    <message>
        <source>Contact card: %1</source>
        <translation>Contacto: %1</translation>
    </message>
    <message>
        <source>Template &quot;%1&quot;</source>
        <translation>Plantilla «%1»</translation>
    </message>
    <message>
        <source>Unsupported message (%1): WhatsApp does not let Puente show it; ask the contact to send it another way.</source>
        <translation>Mensaje no compatible (%1): WhatsApp no permite que Puente lo muestre; pide al contacto que lo envíe de otra forma.</translation>
    </message>
    <message>
        <source>The contact opened the chat for the first time.</source>
        <translation>El contacto abrió el chat por primera vez.</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>editado</translation>
    </message>
    <message>
        <source>Sending was interrupted: it is not known whether it arrived. Right-click to send it again or dismiss.</source>
        <translation>El envío se interrumpió: no se sabe si llegó. Haz clic derecho para volver a enviarlo o descartarlo.</translation>
    </message>
    <message>
        <source>Not delivered: %1. Right-click to send it again.</source>
        <translation>No entregado: %1. Haz clic derecho para volver a enviarlo.</translation>
    </message>
    <message>
        <source>Loading image…</source>
        <translation>Cargando imagen…</translation>
    </message>
    <message>
        <source>Image not downloaded yet</source>
        <translation>Imagen aún no descargada</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Click to open</source>
        <translation>Clic para abrir</translation>
    </message>
    <message>
        <source>Not downloaded yet</source>
        <translation>Aún no descargado</translation>
    </message>
    <message>
        <source>automatic: %1</source>
        <translation>automático: %1</translation>
    </message>
    <message>
        <source>File not included in the export: %1</source>
        <translation>Archivo no incluido en la exportación: %1</translation>
    </message>
    <message>
        <source>Media not included in the export</source>
        <translation>Archivo multimedia no incluido en la exportación</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importado</translation>
    </message>
</context>
<context>
    <name>puente::ui::NewUserDialog</name>
    <message>
        <source>Too weak: use at least 10 characters with at least 5 different ones, and not a common password (or press Generate).</source>
        <translation>Demasiado débil: usa al menos 10 caracteres, con al menos 5 distintos, y que no sea una contraseña común (o pulsa Generar).</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Nuevo usuario</translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation>Nombre y apellidos</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation>nombre@empresa.com</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Agent: answers conversations</source>
        <translation>Agente: responde conversaciones</translation>
    </message>
    <message>
        <source>Administrator: also manages users, keys and WhatsApp</source>
        <translation>Administrador: además gestiona usuarios, claves y WhatsApp</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>At least 10 characters</source>
        <translation>Al menos 10 caracteres</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generar</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>First password</source>
        <translation>Contraseña inicial</translation>
    </message>
    <message>
        <source>Give the password to the new user yourself; they sign in with their email and this password.</source>
        <translation>Dale tú la contraseña a la persona: entra con su correo y esta contraseña.</translation>
    </message>
    <message>
        <source>Create user</source>
        <translation>Crear usuario</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Obligatorio.</translation>
    </message>
    <message>
        <source>This is not a valid email address.</source>
        <translation>No es una dirección de correo válida.</translation>
    </message>
    <message>
        <source>Someone in your company already uses this email.</source>
        <translation>Alguien de tu empresa ya usa este correo.</translation>
    </message>
    <message>
        <source>Write a name of up to 200 characters.</source>
        <translation>Escribe un nombre de hasta 200 caracteres.</translation>
    </message>
    <message>
        <source>Your company&apos;s plan has no room for more active users. Deactivate someone who no longer needs access, or ask your platform operator for a bigger plan.</source>
        <translation>El plan de tu empresa no admite más usuarios activos. Desactiva a alguien que ya no necesite acceso o pide un plan mayor a quien administra la plataforma.</translation>
    </message>
</context>
<context>
    <name>puente::ui::NotificationRuleDialog</name>
    <message>
        <source>Edit notification rule</source>
        <translation>Editar regla de aviso</translation>
    </message>
    <message>
        <source>New notification rule</source>
        <translation>Nueva regla de aviso</translation>
    </message>
    <message>
        <source>When your CRM reports this event, Puente sends the candidate this WhatsApp template, filled in with the event&apos;s data.</source>
        <translation>Cuando tu CRM informa de este evento, Puente envía al candidato esta plantilla de WhatsApp, rellenada con los datos del evento.</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>The event name your CRM sends, such as interview_scheduled: lower-case letters, digits, “_” or “.”.</source>
        <translation>El nombre del evento que envía tu CRM, como interview_scheduled: minúsculas, dígitos, «_» o «.».</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>Where each placeholder takes its value from</source>
        <translation>De dónde toma su valor cada marcador</translation>
    </message>
    <message>
        <source>This template has no placeholders: every candidate receives the same text.</source>
        <translation>Esta plantilla no tiene marcadores: todos los candidatos reciben el mismo texto.</translation>
    </message>
    <message>
        <source>“Event data” takes a value from the data your CRM sends, by its path: candidate.first_name, interview.at. Dates and times are written in your company&apos;s language and time zone.</source>
        <translation>«Dato del evento» toma un valor de los datos que envía tu CRM, por su ruta: candidate.first_name, interview.at. Las fechas y horas se escriben en el idioma y la zona horaria de tu empresa.</translation>
    </message>
    <message>
        <source>Wait for the end of quiet hours (no messages at night)</source>
        <translation>Esperar al final de las horas de silencio (sin mensajes de noche)</translation>
    </message>
    <message>
        <source>Enabled: send notifications for this event</source>
        <translation>Activa: enviar avisos para este evento</translation>
    </message>
    <message>
        <source>Sample event data (JSON)</source>
        <translation>Datos de ejemplo del evento (JSON)</translation>
    </message>
    <message>
        <source>Sample event data</source>
        <translation>Datos de ejemplo del evento</translation>
    </message>
    <message>
        <source>Preview: what the candidate reads</source>
        <translation>Vista previa: lo que lee el candidato</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>Guardar regla</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Añadir regla</translation>
    </message>
    <message>
        <source>There is no approved template yet. Create one in WhatsApp Manager, then sync the templates on the Templates page.</source>
        <translation>Aún no hay ninguna plantilla aprobada. Crea una en WhatsApp Manager y sincroniza las plantillas en la página Plantillas.</translation>
    </message>
    <message>
        <source>This template is not approved at Meta any more: pick another one.</source>
        <translation>Esta plantilla ya no está aprobada en Meta: elige otra.</translation>
    </message>
    <message>
        <source>Header file</source>
        <translation>Archivo del encabezado</translation>
    </message>
    <message>
        <source>An https link to the file, or a media id</source>
        <translation>Un enlace https al archivo o un id de medio</translation>
    </message>
    <message>
        <source>Header {{%1}}</source>
        <translation>Encabezado {{%1}}</translation>
    </message>
    <message>
        <source>Body {{%1}}</source>
        <translation>Texto {{%1}}</translation>
    </message>
    <message>
        <source>Button “%1”: end of its link</source>
        <translation>Botón «%1»: final de su enlace</translation>
    </message>
    <message>
        <source>Button “%1”: reply payload (optional)</source>
        <translation>Botón «%1»: dato de respuesta (opcional)</translation>
    </message>
    <message>
        <source>What your CRM receives when the candidate taps it</source>
        <translation>Lo que recibe tu CRM cuando el candidato lo pulsa</translation>
    </message>
    <message>
        <source>Source of %1</source>
        <translation>Origen de %1</translation>
    </message>
    <message>
        <source>Event data</source>
        <translation>Dato del evento</translation>
    </message>
    <message>
        <source>Fixed text</source>
        <translation>Texto fijo</translation>
    </message>
    <message>
        <source>Date from the data</source>
        <translation>Fecha de los datos</translation>
    </message>
    <message>
        <source>Time from the data</source>
        <translation>Hora de los datos</translation>
    </message>
    <message>
        <source>Date and time from the data</source>
        <translation>Fecha y hora de los datos</translation>
    </message>
    <message>
        <source>The same text for every candidate</source>
        <translation>El mismo texto para todos los candidatos</translation>
    </message>
    <message>
        <source>The sample data is not valid JSON (%1, at character %2).</source>
        <translation>Los datos de ejemplo no son JSON válido (%1, en el carácter %2).</translation>
    </message>
    <message>
        <source>The sample data must be a JSON object: { … }.</source>
        <translation>Los datos de ejemplo deben ser un objeto JSON: { … }.</translation>
    </message>
    <message>
        <source>Say where “%1” takes its value from.</source>
        <translation>Indica de dónde toma su valor «%1».</translation>
    </message>
    <message>
        <source>No preview: the server does not answer.</source>
        <translation>Sin vista previa: el servidor no responde.</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>Sin vista previa: %1</translation>
    </message>
    <message>
        <source>Choose or type the event your CRM sends.</source>
        <translation>Elige o escribe el evento que envía tu CRM.</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Elige una plantilla.</translation>
    </message>
</context>
<context>
    <name>puente::ui::NotificationTestDialog</name>
    <message>
        <source>Send a test notification</source>
        <translation>Enviar un aviso de prueba</translation>
    </message>
    <message>
        <source>Puente sends this rule&apos;s template now, as if your CRM had reported the event with this data. Use a number of yours: the message really goes out.</source>
        <translation>Puente envía ahora la plantilla de esta regla, como si tu CRM hubiera informado del evento con estos datos. Usa un número tuyo: el mensaje sale de verdad.</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <source>Event data (JSON)</source>
        <translation>Datos del evento (JSON)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>The event data is not valid JSON (%1, at character %2).</source>
        <translation>Los datos del evento no son JSON válido (%1, en el carácter %2).</translation>
    </message>
    <message>
        <source>The event data must be a JSON object: { … }.</source>
        <translation>Los datos del evento deben ser un objeto JSON: { … }.</translation>
    </message>
    <message>
        <source>Type the number to send the test to, with its country code.</source>
        <translation>Escribe el número al que enviar la prueba, con su prefijo de país.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Notification %1: %2. %3</source>
        <translation>Aviso %1: %2. %3</translation>
    </message>
    <message>
        <source>Notification %1: %2. Follow it on the History tab.</source>
        <translation>Aviso %1: %2. Síguelo en la pestaña Historial.</translation>
    </message>
    <message>
        <source>That is not a phone number: write it with its country code, such as +34 612 345 678.</source>
        <translation>Eso no es un número de teléfono: escríbelo con su prefijo de país, como +34 612 345 678.</translation>
    </message>
    <message>
        <source>No enabled rule sends “%1” any more: enable it on the Rules tab.</source>
        <translation>Ya no hay ninguna regla activa que envíe «%1»: actívala en la pestaña Reglas.</translation>
    </message>
    <message>
        <source>The server did not answer: look at the History tab before sending it again.</source>
        <translation>El servidor no respondió: mira la pestaña Historial antes de volver a enviarlo.</translation>
    </message>
    <message>
        <source>Notification %1 accepted. It waits for the end of quiet hours; goes out: %2.</source>
        <translation>Aviso %1 aceptado. Espera al final de las horas de silencio; sale: %2.</translation>
    </message>
    <message>
        <source>The event data has no value at “%1”, which the rule puts in the message. Add it, or check the rule.</source>
        <translation>Los datos del evento no tienen valor en «%1», que la regla pone en el mensaje. Añádelo o revisa la regla.</translation>
    </message>
</context>
<context>
    <name>puente::ui::NotificationText</name>
    <message>
        <source>Accepted</source>
        <translation>Aceptada</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programada</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregada</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leída</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>No enviada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Application received</source>
        <translation>Postulación recibida</translation>
    </message>
    <message>
        <source>Interview scheduled</source>
        <translation>Entrevista programada</translation>
    </message>
    <message>
        <source>Interview reminder</source>
        <translation>Recordatorio de entrevista</translation>
    </message>
    <message>
        <source>Interview cancelled</source>
        <translation>Entrevista cancelada</translation>
    </message>
    <message>
        <source>Offer sent</source>
        <translation>Oferta enviada</translation>
    </message>
    <message>
        <source>Application rejected</source>
        <translation>Postulación descartada</translation>
    </message>
    <message>
        <source>The template %1 (%2) no longer exists at Meta. Pick another template.</source>
        <translation>La plantilla %1 (%2) ya no existe en Meta. Elige otra plantilla.</translation>
    </message>
    <message>
        <source>The template %1 (%2) is not approved at Meta (%3). Only approved templates can be sent: pick another one or wait for Meta&apos;s review.</source>
        <translation>La plantilla %1 (%2) no está aprobada en Meta (%3). Solo se pueden enviar plantillas aprobadas: elige otra o espera la revisión de Meta.</translation>
    </message>
    <message numerus="yes">
        <source>The template&apos;s header now takes %n value(s) and the rule gives %1. Edit the rule.</source>
        <translation>
            <numerusform>El encabezado de la plantilla ahora lleva %n valor y la regla da %1. Edita la regla.</numerusform>
            <numerusform>El encabezado de la plantilla ahora lleva %n valores y la regla da %1. Edita la regla.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The template&apos;s text now takes %n value(s) and the rule gives %1. Edit the rule.</source>
        <translation>
            <numerusform>El texto de la plantilla ahora lleva %n valor y la regla da %1. Edita la regla.</numerusform>
            <numerusform>El texto de la plantilla ahora lleva %n valores y la regla da %1. Edita la regla.</numerusform>
        </translation>
    </message>
    <message>
        <source>The template&apos;s button %1 needs the end of its link. Edit the rule.</source>
        <translation>El botón %1 de la plantilla necesita el final de su enlace. Edita la regla.</translation>
    </message>
    <message>
        <source>The template has no button %1 that takes a value any more. Edit the rule.</source>
        <translation>La plantilla ya no tiene un botón %1 que lleve un valor. Edita la regla.</translation>
    </message>
    <message>
        <source>The rule gives no value for the header&apos;s %1.</source>
        <translation>La regla no da ningún valor para el %1 del encabezado.</translation>
    </message>
    <message>
        <source>The rule gives no value for the text&apos;s %1.</source>
        <translation>La regla no da ningún valor para el %1 del texto.</translation>
    </message>
    <message>
        <source>The rule gives more values than the template has placeholders. Edit the rule.</source>
        <translation>La regla da más valores de los que tiene la plantilla. Edita la regla.</translation>
    </message>
    <message>
        <source>The template&apos;s header needs a file: give an https link or a media id.</source>
        <translation>El encabezado de la plantilla necesita un archivo: indica un enlace https o un id de medio.</translation>
    </message>
    <message>
        <source>The sample data has no value at “%1”. Check the path, or add it to the sample.</source>
        <translation>Los datos de ejemplo no tienen ningún valor en «%1». Revisa la ruta o añádelo al ejemplo.</translation>
    </message>
    <message>
        <source>“%1” is not a date and time. Your CRM should send it as 2026-12-10T10:00:00+01:00.</source>
        <translation>«%1» no es una fecha y hora. Tu CRM debería enviarla así: 2026-12-10T10:00:00+01:00.</translation>
    </message>
    <message>
        <source>There is no template %1 in %2: sync the templates.</source>
        <translation>No hay ninguna plantilla %1 en %2: sincroniza las plantillas.</translation>
    </message>
    <message>
        <source>WhatsApp refused the message (Meta&apos;s error %1).</source>
        <translation>WhatsApp rechazó el mensaje (error de Meta %1).</translation>
    </message>
    <message>
        <source>WhatsApp refused the message (Meta&apos;s error %1: %2).</source>
        <translation>WhatsApp rechazó el mensaje (error de Meta %1: %2).</translation>
    </message>
    <message>
        <source>The candidate asked not to receive more notifications (they replied with an opt-out word).</source>
        <translation>El candidato pidió no recibir más avisos (respondió con una palabra de baja).</translation>
    </message>
    <message>
        <source>The candidate is blocked in Conversations.</source>
        <translation>El candidato está bloqueado en Conversaciones.</translation>
    </message>
    <message>
        <source>The rule could not be sent: %1</source>
        <translation>No se pudo enviar con la regla: %1</translation>
    </message>
    <message>
        <source>The rule for this event was disabled or deleted before it was sent.</source>
        <translation>La regla de este evento se desactivó o se eliminó antes del envío.</translation>
    </message>
    <message>
        <source>Your plan&apos;s message limit was reached. An administrator of Puente can raise it.</source>
        <translation>Se alcanzó el límite de mensajes de tu plan. Un administrador de Puente puede ampliarlo.</translation>
    </message>
    <message>
        <source>The event&apos;s data lacked a value the template needs: %1</source>
        <translation>A los datos del evento les faltaba un valor que necesita la plantilla: %1</translation>
    </message>
    <message>
        <source>Cancelled by %1.</source>
        <translation>Cancelada por %1.</translation>
    </message>
    <message>
        <source>The send was interrupted; an agent decides in Conversations whether to retry it.</source>
        <translation>El envío se interrumpió; un agente decide en Conversaciones si reintentarlo.</translation>
    </message>
    <message>
        <source>Another enabled rule already sends this event. Disable that rule first, or save this one disabled.</source>
        <translation>Otra regla activa ya envía este evento. Desactiva esa regla primero o guarda esta desactivada.</translation>
    </message>
    <message>
        <source>The rule cannot be sent: %1</source>
        <translation>La regla no se puede enviar: %1</translation>
    </message>
    <message>
        <source>An event name is 3 to 64 lower-case letters, digits, “_” or “.”, starting with a letter.</source>
        <translation>El nombre de un evento tiene de 3 a 64 minúsculas, dígitos, «_» o «.», y empieza por una letra.</translation>
    </message>
    <message>
        <source>Choose an approved template.</source>
        <translation>Elige una plantilla aprobada.</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausada</translation>
    </message>
    <message>
        <source>pending review</source>
        <translation>pendiente de revisión</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rechazada</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>desactivada</translation>
    </message>
</context>
<context>
    <name>puente::ui::NotificationsPage</name>
    <message>
        <source>Notifications</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <source>Your CRM reports events (an interview scheduled, an offer sent) and Puente sends the candidate a WhatsApp template for each. Rules say which template and what goes in it; the history shows what was sent and why not.</source>
        <translation>Tu CRM informa de eventos (una entrevista programada, una oferta enviada) y Puente envía al candidato una plantilla de WhatsApp por cada uno. Las reglas dicen qué plantilla y qué lleva; el historial muestra qué se envió y, si no, por qué.</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Reglas</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>CRM callback</source>
        <translation>Retorno al CRM</translation>
    </message>
    <message>
        <source>Add rule…</source>
        <translation>Añadir regla…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>No rules yet. Add one to send a template when your CRM reports an event, such as an interview scheduled.</source>
        <translation>Aún no hay reglas. Añade una para enviar una plantilla cuando tu CRM informe de un evento, como una entrevista programada.</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Valores</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Notification rules</source>
        <translation>Reglas de avisos</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>CRM reference</source>
        <translation>Referencia del CRM</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Cualquier fecha</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Candidato</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Notifications sent</source>
        <translation>Avisos enviados</translation>
    </message>
    <message>
        <source>Show older</source>
        <translation>Ver anteriores</translation>
    </message>
    <message>
        <source>Select a notification to see its details.</source>
        <translation>Selecciona un aviso para ver sus detalles.</translation>
    </message>
    <message>
        <source>The event&apos;s data</source>
        <translation>Datos del evento</translation>
    </message>
    <message>
        <source>Cancel this notification…</source>
        <translation>Cancelar este aviso…</translation>
    </message>
    <message>
        <source>Puente tells your CRM what happened to each notification (sent, delivered, read, failed) and the candidate&apos;s answers by calling this address. Each call is signed with a secret so the CRM can check it comes from Puente.</source>
        <translation>Puente avisa a tu CRM de lo que pasó con cada aviso (enviado, entregado, leído, fallido) y de las respuestas del candidato llamando a esta dirección. Cada llamada va firmada con un secreto para que el CRM compruebe que viene de Puente.</translation>
    </message>
    <message>
        <source>Callback address</source>
        <translation>Dirección de retorno</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>New secret…</source>
        <translation>Nuevo secreto…</translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation>Secreto de firma</translation>
    </message>
    <message>
        <source>Send a test callback</source>
        <translation>Enviar una llamada de prueba</translation>
    </message>
    <message>
        <source>Last calls to your CRM</source>
        <translation>Últimas llamadas a tu CRM</translation>
    </message>
    <message>
        <source>No calls yet. They appear here once notifications are sent, or after a test.</source>
        <translation>Aún no hay llamadas. Aparecen aquí cuando se envían avisos o tras una prueba.</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>CRM&apos;s answer</source>
        <translation>Respuesta del CRM</translation>
    </message>
    <message>
        <source>the notification rules</source>
        <translation>las reglas de avisos</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>⚠ Cannot be sent</source>
        <translation>⚠ No se puede enviar</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Desactivada</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n rule(s) cannot be sent until you edit them:</source>
        <translation>
            <numerusform>⚠ %n regla no se puede enviar hasta que la edites:</numerusform>
            <numerusform>⚠ %n reglas no se pueden enviar hasta que las edites:</numerusform>
        </translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Activar</translation>
    </message>
    <message>
        <source>Rule for “%1” added.</source>
        <translation>Regla para «%1» añadida.</translation>
    </message>
    <message>
        <source>Rule for “%1” saved.</source>
        <translation>Regla para «%1» guardada.</translation>
    </message>
    <message>
        <source>Rule for “%1” enabled.</source>
        <translation>Regla para «%1» activada.</translation>
    </message>
    <message>
        <source>Rule for “%1” disabled: its events are no longer sent.</source>
        <translation>Regla para «%1» desactivada: sus eventos ya no se envían.</translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation>Eliminar regla</translation>
    </message>
    <message>
        <source>Delete the rule for “%1”? Your CRM&apos;s %1 events will be refused until you add another rule; notifications already scheduled are not sent.</source>
        <translation>¿Eliminar la regla para «%1»? Los eventos %1 de tu CRM se rechazarán hasta que añadas otra regla; los avisos ya programados no se envían.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Rule for “%1” deleted.</source>
        <translation>Regla para «%1» eliminada.</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Todos los eventos</translation>
    </message>
    <message>
        <source>No notification matches these filters.</source>
        <translation>Ningún aviso coincide con estos filtros.</translation>
    </message>
    <message>
        <source>No notifications yet. They appear here as soon as your CRM reports an event.</source>
        <translation>Aún no hay avisos. Aparecen aquí en cuanto tu CRM informa de un evento.</translation>
    </message>
    <message>
        <source>That is not a phone number: write it with its country code, such as +34 600 111 222.</source>
        <translation>Eso no es un número de teléfono: escríbelo con su prefijo de país, como +34 600 111 222.</translation>
    </message>
    <message>
        <source>Cannot load the history: the server does not answer.</source>
        <translation>No se puede cargar el historial: el servidor no responde.</translation>
    </message>
    <message>
        <source>Cannot load the history: %1</source>
        <translation>No se puede cargar el historial: %1</translation>
    </message>
    <message>
        <source>Scheduled for %1</source>
        <translation>Programada para %1</translation>
    </message>
    <message>
        <source>Replied “%1”</source>
        <translation>Respondió «%1»</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Estado: %1</translation>
    </message>
    <message>
        <source>CRM reference: %1</source>
        <translation>Referencia del CRM: %1</translation>
    </message>
    <message>
        <source>Goes out: %1</source>
        <translation>Sale: %1</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message>
        <source>The candidate replied: “%1”</source>
        <translation>El candidato respondió: «%1»</translation>
    </message>
    <message>
        <source>Cancel notification</source>
        <translation>Cancelar aviso</translation>
    </message>
    <message>
        <source>Cancel this notification to %1? It will not be sent.</source>
        <translation>¿Cancelar este aviso a %1? No se enviará.</translation>
    </message>
    <message>
        <source>Notification cancelled.</source>
        <translation>Aviso cancelado.</translation>
    </message>
    <message>
        <source>It has already left: only scheduled notifications can be cancelled.</source>
        <translation>Ya salió: solo se pueden cancelar los avisos programados.</translation>
    </message>
    <message>
        <source>Cannot load the callback settings: the server does not answer.</source>
        <translation>No se puede cargar la configuración del retorno: el servidor no responde.</translation>
    </message>
    <message>
        <source>Cannot load the callback settings: %1</source>
        <translation>No se puede cargar la configuración del retorno: %1</translation>
    </message>
    <message>
        <source>Set. It was shown once, when it was created; make a new one if it is lost.</source>
        <translation>Creado. Se mostró una sola vez, al crearlo; haz uno nuevo si lo perdiste.</translation>
    </message>
    <message>
        <source>None yet: one is made when you save an address.</source>
        <translation>Aún no hay: se crea uno al guardar una dirección.</translation>
    </message>
    <message>
        <source>Your callback&apos;s signing secret</source>
        <translation>El secreto de firma de tu retorno</translation>
    </message>
    <message>
        <source>Puente signs each call to your CRM with this secret (the X-Puente-Signature header). Paste it into your CRM&apos;s settings now: it will not be shown again.</source>
        <translation>Puente firma cada llamada a tu CRM con este secreto (la cabecera X-Puente-Signature). Pégalo ahora en la configuración de tu CRM: no se volverá a mostrar.</translation>
    </message>
    <message>
        <source>Callback address removed: your CRM is no longer told.</source>
        <translation>Dirección de retorno eliminada: ya no se avisa a tu CRM.</translation>
    </message>
    <message>
        <source>Callback address saved.</source>
        <translation>Dirección de retorno guardada.</translation>
    </message>
    <message>
        <source>The address must start with https:// (http only for a CRM on this same machine).</source>
        <translation>La dirección debe empezar por https:// (http solo para un CRM en esta misma máquina).</translation>
    </message>
    <message>
        <source>The address points into a private network Puente may not call. Use your CRM&apos;s public https address.</source>
        <translation>La dirección apunta a una red privada a la que Puente no puede llamar. Usa la dirección https pública de tu CRM.</translation>
    </message>
    <message>
        <source>That is not a valid address. Write it in full, such as https://crm.example.com/puente.</source>
        <translation>Esa dirección no es válida. Escríbela completa, como https://crm.example.com/puente.</translation>
    </message>
    <message>
        <source>New signing secret</source>
        <translation>Nuevo secreto de firma</translation>
    </message>
    <message>
        <source>Make a new secret? The current one stops working at once: your CRM will refuse Puente&apos;s calls until you paste the new one into it.</source>
        <translation>¿Hacer un secreto nuevo? El actual deja de funcionar en el acto: tu CRM rechazará las llamadas de Puente hasta que pegues el nuevo.</translation>
    </message>
    <message>
        <source>Make a new secret</source>
        <translation>Hacer un secreto nuevo</translation>
    </message>
    <message>
        <source>New signing secret made.</source>
        <translation>Nuevo secreto de firma creado.</translation>
    </message>
    <message>
        <source>Calling your CRM…</source>
        <translation>Llamando a tu CRM…</translation>
    </message>
    <message>
        <source>It works: your CRM answered %1.</source>
        <translation>Funciona: tu CRM respondió %1.</translation>
    </message>
    <message>
        <source>Your CRM answered %1 instead of a 2xx: %2</source>
        <translation>Tu CRM respondió %1 en lugar de un 2xx: %2</translation>
    </message>
    <message>
        <source>Could not reach your CRM: %1</source>
        <translation>No se pudo llegar a tu CRM: %1</translation>
    </message>
    <message>
        <source>Save a callback address first.</source>
        <translation>Guarda primero una dirección de retorno.</translation>
    </message>
    <message>
        <source>Status of a notification</source>
        <translation>Estado de un aviso</translation>
    </message>
    <message>
        <source>Candidate&apos;s reply</source>
        <translation>Respuesta del candidato</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregada</translation>
    </message>
    <message>
        <source>Retrying %1</source>
        <translation>Reintento %1</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Send a test notification…</source>
        <translation>Enviar un aviso de prueba…</translation>
    </message>
    <message>
        <source>How Puente reads your candidates&apos; numbers, writes and times every notification, and how a candidate stops them. They apply to every rule.</source>
        <translation>Cómo lee Puente los números de tus candidatos, cómo escribe cada aviso y cuándo lo envía, y cómo un candidato deja de recibirlos. Se aplican a todas las reglas.</translation>
    </message>
    <message>
        <source>Loading the settings…</source>
        <translation>Cargando los ajustes…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Numbers and dates</source>
        <translation>Números y fechas</translation>
    </message>
    <message>
        <source>Default country</source>
        <translation>País por defecto</translation>
    </message>
    <message>
        <source>Spain</source>
        <translation>España</translation>
    </message>
    <message>
        <source>Mexico</source>
        <translation>México</translation>
    </message>
    <message>
        <source>Colombia</source>
        <translation>Colombia</translation>
    </message>
    <message>
        <source>Argentina</source>
        <translation>Argentina</translation>
    </message>
    <message>
        <source>Peru</source>
        <translation>Perú</translation>
    </message>
    <message>
        <source>Chile</source>
        <translation>Chile</translation>
    </message>
    <message>
        <source>Venezuela</source>
        <translation>Venezuela</translation>
    </message>
    <message>
        <source>Ecuador</source>
        <translation>Ecuador</translation>
    </message>
    <message>
        <source>Guatemala</source>
        <translation>Guatemala</translation>
    </message>
    <message>
        <source>Cuba</source>
        <translation>Cuba</translation>
    </message>
    <message>
        <source>Bolivia</source>
        <translation>Bolivia</translation>
    </message>
    <message>
        <source>Dominican Republic</source>
        <translation>República Dominicana</translation>
    </message>
    <message>
        <source>Honduras</source>
        <translation>Honduras</translation>
    </message>
    <message>
        <source>Paraguay</source>
        <translation>Paraguay</translation>
    </message>
    <message>
        <source>El Salvador</source>
        <translation>El Salvador</translation>
    </message>
    <message>
        <source>Nicaragua</source>
        <translation>Nicaragua</translation>
    </message>
    <message>
        <source>Costa Rica</source>
        <translation>Costa Rica</translation>
    </message>
    <message>
        <source>Panama</source>
        <translation>Panamá</translation>
    </message>
    <message>
        <source>Uruguay</source>
        <translation>Uruguay</translation>
    </message>
    <message>
        <source>Puerto Rico</source>
        <translation>Puerto Rico</translation>
    </message>
    <message>
        <source>Equatorial Guinea</source>
        <translation>Guinea Ecuatorial</translation>
    </message>
    <message>
        <source>United States</source>
        <translation>Estados Unidos</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>Reino Unido</translation>
    </message>
    <message>
        <source>Portugal</source>
        <translation>Portugal</translation>
    </message>
    <message>
        <source>France</source>
        <translation>Francia</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>Alemania</translation>
    </message>
    <message>
        <source>Italy</source>
        <translation>Italia</translation>
    </message>
    <message>
        <source>For numbers your CRM sends without +country code: 612&#xa0;345&#xa0;678 is read as a number of this country.</source>
        <translation>Para los números que tu CRM envía sin +prefijo de país: 612&#xa0;345&#xa0;678 se lee como un número de este país.</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Dates and times in notifications, and quiet hours, are in this time zone.</source>
        <translation>Las fechas y horas de los avisos, y las horas de silencio, van en esta zona horaria.</translation>
    </message>
    <message>
        <source>Language of dates</source>
        <translation>Idioma de las fechas</translation>
    </message>
    <message>
        <source>How notifications write dates: “10 de diciembre” or “December 10”.</source>
        <translation>Cómo escriben las fechas los avisos: «10 de diciembre» o «December 10».</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Horas de silencio</translation>
    </message>
    <message>
        <source>Hold notifications during quiet hours</source>
        <translation>Retener los avisos durante las horas de silencio</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Quiet hours start</source>
        <translation>Inicio de las horas de silencio</translation>
    </message>
    <message>
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <source>Quiet hours end</source>
        <translation>Fin de las horas de silencio</translation>
    </message>
    <message>
        <source>A notification due inside them waits for their end. A rule can ignore them.</source>
        <translation>Un aviso que toque dentro de ellas espera a que terminen. Una regla puede ignorarlas.</translation>
    </message>
    <message>
        <source>Opting out</source>
        <translation>Bajas</translation>
    </message>
    <message>
        <source>Opt-out keywords, one per line</source>
        <translation>Palabras de baja, una por línea</translation>
    </message>
    <message>
        <source>Opt-out keywords</source>
        <translation>Palabras de baja</translation>
    </message>
    <message>
        <source>A candidate who replies with one of them gets no more notifications. Case and accents do not matter, but it must be the whole reply: “BAJA” matches “baja”, “quiero la baja” does not.</source>
        <translation>Un candidato que responda con una de ellas no recibe más avisos. Dan igual mayúsculas y acentos, pero debe ser la respuesta entera: «BAJA» vale por «baja», «quiero la baja» no.</translation>
    </message>
    <message>
        <source>Confirmation reply</source>
        <translation>Respuesta de confirmación</translation>
    </message>
    <message>
        <source>Puente answers an opt-out with this message, so the candidate knows it was heard.</source>
        <translation>Puente responde a una baja con este mensaje, para que el candidato sepa que se tuvo en cuenta.</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Descartar cambios</translation>
    </message>
    <message>
        <source>Select a rule to try it on a number of yours.</source>
        <translation>Selecciona una regla para probarla con un número tuyo.</translation>
    </message>
    <message>
        <source>The rule is disabled: enable it to try it.</source>
        <translation>La regla está desactivada: actívala para probarla.</translation>
    </message>
    <message>
        <source>This rule cannot be sent until you edit it.</source>
        <translation>Esta regla no se puede enviar hasta que la edites.</translation>
    </message>
    <message>
        <source>Sends this rule&apos;s template to a number of yours, now.</source>
        <translation>Envía ahora la plantilla de esta regla a un número tuyo.</translation>
    </message>
    <message>
        <source>Cannot load the notification settings: the server does not answer.</source>
        <translation>No se pueden cargar los ajustes de los avisos: el servidor no responde.</translation>
    </message>
    <message>
        <source>Cannot load the notification settings: %1</source>
        <translation>No se pueden cargar los ajustes de los avisos: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>“%1” is not a country Puente knows. Choose one from the list, or type its two-letter code (ES, MX, CO…).</source>
        <translation>«%1» no es un país que Puente conozca. Elige uno de la lista o escribe su código de dos letras (ES, MX, CO…).</translation>
    </message>
    <message>
        <source>Choose a country from the list, or type its two-letter code (ES, MX, CO…).</source>
        <translation>Elige un país de la lista o escribe su código de dos letras (ES, MX, CO…).</translation>
    </message>
    <message>
        <source>“%1” is not a time zone. Choose one from the list, such as Europe/Madrid or America/Mexico_City.</source>
        <translation>«%1» no es una zona horaria. Elige una de la lista, como Europe/Madrid o America/Mexico_City.</translation>
    </message>
    <message>
        <source>Choose Español or English.</source>
        <translation>Elige Español o English.</translation>
    </message>
    <message>
        <source>Give the time as HH:MM, such as 21:00.</source>
        <translation>Escribe la hora como HH:MM, por ejemplo 21:00.</translation>
    </message>
    <message>
        <source>At most 20 keywords.</source>
        <translation>Como máximo 20 palabras de baja.</translation>
    </message>
    <message>
        <source>Each keyword is a word or two, at most 40 characters.</source>
        <translation>Cada palabra de baja es una o dos palabras, de 40 caracteres como máximo.</translation>
    </message>
    <message>
        <source>The reply is too long: at most 1,024 characters.</source>
        <translation>La respuesta es demasiado larga: 1024 caracteres como máximo.</translation>
    </message>
    <message>
        <source>Write the reply: it cannot be empty.</source>
        <translation>Escribe la respuesta: no puede quedar vacía.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No se guardó: %1</translation>
    </message>
</context>
<context>
    <name>puente::ui::PageState</name>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Cannot load %1: the server does not answer. Check that it is running and that you are connected, then retry.</source>
        <translation>No se pueden cargar %1: el servidor no responde. Comprueba que está en marcha y que tienes conexión, y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Too many requests to the server. Wait a moment and retry.</source>
        <translation>Demasiadas peticiones al servidor. Espera un momento y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>No se pueden cargar %1: %2</translation>
    </message>
    <message>
        <source>You do not have permission to see %1: only your company&apos;s administrators have access.</source>
        <translation>No tienes permiso para ver %1: solo tienen acceso los administradores de tu empresa.</translation>
    </message>
</context>
<context>
    <name>puente::ui::ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>Restablecer contraseña</translation>
    </message>
    <message>
        <source>Set a new password for %1 (%2). They are signed out everywhere and sign in again with the new password.</source>
        <translation>Pon una contraseña nueva para %1 (%2). Se cerrarán todas sus sesiones y tendrá que entrar con la contraseña nueva.</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generar</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Cambiar contraseña</translation>
    </message>
</context>
<context>
    <name>puente::ui::SecretDialog</name>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy it now: it will not be shown again. If it is lost, make a new one.</source>
        <translation>Cópiala ahora: no se volverá a mostrar. Si se pierde, tendrás que crear otra.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiada</translation>
    </message>
</context>
<context>
    <name>puente::ui::SetupDialog</name>
    <message>
        <source>Welcome to Puente</source>
        <translation>Te damos la bienvenida a Puente</translation>
    </message>
    <message>
        <source>Nobody uses this computer&apos;s Puente yet. How do you want to start?</source>
        <translation>Todavía nadie usa Puente en este equipo. ¿Cómo quieres empezar?</translation>
    </message>
    <message>
        <source>Set up my company</source>
        <translation>Configurar mi empresa</translation>
    </message>
    <message>
        <source>Create your company&apos;s account. You will be its administrator and can add your team afterwards.</source>
        <translation>Crea la cuenta de tu empresa. Serás quien la administre y después podrás añadir a tu equipo.</translation>
    </message>
    <message>
        <source>for example: Acme Recruiting</source>
        <translation>por ejemplo: Acme Selección</translation>
    </message>
    <message>
        <source>Company name:</source>
        <translation>Nombre de la empresa:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Tu nombre:</translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation>nombre@empresa.com</translation>
    </message>
    <message>
        <source>Your email:</source>
        <translation>Tu correo electrónico:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <source>At least 10 characters.</source>
        <translation>Al menos 10 caracteres.</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>Repite la contraseña:</translation>
    </message>
    <message>
        <source>Try the demo (Sandbox)</source>
        <translation>Probar la demo (Sandbox)</translation>
    </message>
    <message>
        <source>A WhatsApp emulator with sample candidates who write in, so that you can try everything. Nothing is sent to WhatsApp. You can set up your company later.</source>
        <translation>Un simulador de WhatsApp con candidatos de ejemplo que escriben, para que puedas probarlo todo. No se envía nada a WhatsApp. Puedes configurar tu empresa más tarde.</translation>
    </message>
    <message>
        <source>Type your company&apos;s name.</source>
        <translation>Escribe el nombre de tu empresa.</translation>
    </message>
    <message>
        <source>Type your name.</source>
        <translation>Escribe tu nombre.</translation>
    </message>
    <message>
        <source>Type a valid email address, like ana@company.com.</source>
        <translation>Escribe un correo electrónico válido, como ana@empresa.com.</translation>
    </message>
    <message>
        <source>Choose a password.</source>
        <translation>Elige una contraseña.</translation>
    </message>
    <message>
        <source>The two passwords are different: type the same password twice.</source>
        <translation>Las dos contraseñas no coinciden: escribe la misma contraseña dos veces.</translation>
    </message>
    <message>
        <source>This password is too weak. Use at least 10 characters, with at least 5 different ones, and not a common password like “password123”.</source>
        <translation>Esta contraseña es demasiado débil. Usa al menos 10 caracteres, con al menos 5 distintos, y no una contraseña habitual como «password123».</translation>
    </message>
    <message>
        <source>This Puente already has a company: close this window and sign in.</source>
        <translation>Este Puente ya tiene una empresa: cierra esta ventana e inicia sesión.</translation>
    </message>
    <message>
        <source>The company could not be created: %1</source>
        <translation>No se pudo crear la empresa: %1</translation>
    </message>
    <message>
        <source>Create my company</source>
        <translation>Crear mi empresa</translation>
    </message>
    <message>
        <source>Start the demo</source>
        <translation>Iniciar la demo</translation>
    </message>
</context>
<context>
    <name>puente::ui::SignInDialog</name>
    <message>
        <source>This console has no server of its own: choose “Server at an address”.</source>
        <translation>Esta consola no tiene servidor propio: elige «Servidor en una dirección».</translation>
    </message>
    <message>
        <source>Sign in — Puente</source>
        <translation>Iniciar sesión — Puente</translation>
    </message>
    <message>
        <source>Sign in to Puente</source>
        <translation>Inicia sesión en Puente</translation>
    </message>
    <message>
        <source>This computer (local)</source>
        <translation>Este equipo (local)</translation>
    </message>
    <message>
        <source>Server at an address</source>
        <translation>Servidor en una dirección</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation>nombre@empresa.com</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Correo electrónico:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <source>This email has accounts in several companies: type the company&apos;s short name (ask your administrator if you do not know it).</source>
        <translation>Este correo tiene cuentas en varias empresas: escribe el nombre corto de la empresa (si no lo sabes, pregúntalo a quien administra tu cuenta).</translation>
    </message>
    <message>
        <source>for example: acme-recruiting</source>
        <translation>por ejemplo: acme-seleccion</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>Empresa:</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>Recordarme en este equipo</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Type the server&apos;s address, for example https://puente.example.com.</source>
        <translation>Escribe la dirección del servidor, por ejemplo https://puente.example.com.</translation>
    </message>
    <message>
        <source>“%1” is not a server address. Type it like https://puente.example.com.</source>
        <translation>«%1» no es una dirección de servidor. Escríbela así: https://puente.example.com.</translation>
    </message>
    <message>
        <source>Type your email and your password.</source>
        <translation>Escribe tu correo electrónico y tu contraseña.</translation>
    </message>
    <message>
        <source>Type the company&apos;s short name.</source>
        <translation>Escribe el nombre corto de la empresa.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>The server could not be found.</source>
        <translation>No se encontró el servidor.</translation>
    </message>
    <message>
        <source>Signed in. Saving the session in this computer&apos;s keychain…</source>
        <translation>Sesión iniciada. Guardando la sesión en el llavero de este equipo…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>You are signed in, but this session will not be remembered: this computer&apos;s keychain is not available (%1). You will have to sign in again next time.</source>
        <translation>Has iniciado sesión, pero esta sesión no se recordará: el llavero de este equipo no está disponible (%1). La próxima vez tendrás que volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>Wrong email or password. Check both and try again.</source>
        <translation>Correo electrónico o contraseña incorrectos. Revisa ambos e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>Your company&apos;s access to Puente is suspended. The server says: “%1”. Contact whoever runs your Puente server.</source>
        <translation>El acceso de tu empresa a Puente está suspendido. El servidor indica: «%1». Ponte en contacto con quien gestiona tu servidor de Puente.</translation>
    </message>
    <message>
        <source>This account may not sign in here. The server says: “%1”.</source>
        <translation>Esta cuenta no puede iniciar sesión aquí. El servidor indica: «%1».</translation>
    </message>
    <message>
        <source>Type the company&apos;s short name and sign in again.</source>
        <translation>Escribe el nombre corto de la empresa y vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>The server did not accept the sign-in: “%1”. Check what you typed.</source>
        <translation>El servidor no aceptó el inicio de sesión: «%1». Revisa lo que has escrito.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1. Check the address and your connection.</source>
        <translation>No se puede conectar con el servidor en %1. Revisa la dirección y tu conexión.</translation>
    </message>
    <message>
        <source>The server at %1 did not answer in time. Check your connection and try again.</source>
        <translation>El servidor en %1 no respondió a tiempo. Revisa tu conexión e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>The server at %1 has a problem right now (error %2). Try again in a few minutes; if it keeps happening, tell whoever runs your Puente server.</source>
        <translation>El servidor en %1 tiene un problema en este momento (error %2). Inténtalo de nuevo en unos minutos; si sigue ocurriendo, avisa a quien gestiona tu servidor de Puente.</translation>
    </message>
    <message>
        <source>The address %1 does not look like a Puente server (error %2). Check the address.</source>
        <translation>La dirección %1 no parece un servidor de Puente (error %2). Revisa la dirección.</translation>
    </message>
    <message numerus="yes">
        <source>Too many sign-in attempts. Wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Demasiados intentos de inicio de sesión. Espera %n segundo e inténtalo de nuevo.</numerusform>
            <numerusform>Demasiados intentos de inicio de sesión. Espera %n segundos e inténtalo de nuevo.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Ya puedes volver a intentarlo.</translation>
    </message>
</context>
<context>
    <name>puente::ui::TemplatePickerDialog</name>
    <message>
        <source>Send a template</source>
        <translation>Enviar una plantilla</translation>
    </message>
    <message>
        <source>WhatsApp only lets you write first to %1 with a template Meta has approved. Once they answer, you can write freely for 24 hours.</source>
        <translation>WhatsApp solo te permite escribir primero a %1 con una plantilla aprobada por Meta. Cuando responda, podrás escribir libremente durante 24 horas.</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Loading templates…</source>
        <translation>Cargando plantillas…</translation>
    </message>
    <message>
        <source>Send template</source>
        <translation>Enviar plantilla</translation>
    </message>
    <message>
        <source>Fill in every field: WhatsApp refuses a template with an empty parameter.</source>
        <translation>Rellena todos los campos: WhatsApp rechaza una plantilla con un parámetro vacío.</translation>
    </message>
    <message>
        <source>Cannot load the templates: no connection to the server.</source>
        <translation>No se pueden cargar las plantillas: no hay conexión con el servidor.</translation>
    </message>
    <message>
        <source>Cannot load the templates: %1</source>
        <translation>No se pueden cargar las plantillas: %1</translation>
    </message>
    <message>
        <source>There is no approved template. An administrator can create one in WhatsApp Manager and sync the templates.</source>
        <translation>No hay ninguna plantilla aprobada. Un administrador puede crear una en WhatsApp Manager y sincronizar las plantillas.</translation>
    </message>
    <message>
        <source>Value for {{%1}}</source>
        <translation>Valor para {{%1}}</translation>
    </message>
    <message>
        <source>Header {{%1}}</source>
        <translation>Encabezado {{%1}}</translation>
    </message>
    <message>
        <source>Text {{%1}}</source>
        <translation>Texto {{%1}}</translation>
    </message>
</context>
<context>
    <name>puente::ui::TemplatesPage</name>
    <message>
        <source>Message templates</source>
        <translation>Plantillas de mensajes</translation>
    </message>
    <message>
        <source>WhatsApp only lets you write first, or after 24 hours of silence, with a template Meta has approved. Templates are created in Meta&apos;s WhatsApp Manager; sync to bring them here.</source>
        <translation>WhatsApp solo te deja escribir primero, o tras 24 horas sin respuesta, con una plantilla aprobada por Meta. Las plantillas se crean en el WhatsApp Manager de Meta; sincroniza para traerlas aquí.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Calidad</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Marked: the placeholders ({{1}}, {{name}}) filled in for each contact when the template is sent.</source>
        <translation>Resaltados: los marcadores ({{1}}, {{nombre}}) que se rellenan para cada contacto al enviar la plantilla.</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation>En revisión</translation>
    </message>
    <message>
        <source>Paused by Meta</source>
        <translation>Pausada por Meta</translation>
    </message>
    <message>
        <source>Disabled by Meta</source>
        <translation>Desactivada por Meta</translation>
    </message>
    <message>
        <source>In appeal</source>
        <translation>En apelación</translation>
    </message>
    <message>
        <source>invalid format</source>
        <translation>formato no válido</translation>
    </message>
    <message>
        <source>wrong category</source>
        <translation>categoría incorrecta</translation>
    </message>
    <message>
        <source>abusive content</source>
        <translation>contenido abusivo</translation>
    </message>
    <message>
        <source>looks like a scam</source>
        <translation>parece una estafa</translation>
    </message>
    <message>
        <source>content does not match the category</source>
        <translation>el contenido no corresponde a la categoría</translation>
    </message>
    <message>
        <source>promotional content</source>
        <translation>contenido promocional</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Rechazada: %1</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Media</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baja</translation>
    </message>
    <message>
        <source>Not rated yet</source>
        <translation>Sin valorar aún</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>Utility</source>
        <translation>Utilidad</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Autenticación</translation>
    </message>
    <message>
        <source>the templates</source>
        <translation>las plantillas</translation>
    </message>
    <message>
        <source>No templates yet. Press “Sync now” to read them from Meta.</source>
        <translation>Todavía no hay plantillas. Pulsa “Sincronizar ahora” para traerlas de Meta.</translation>
    </message>
    <message>
        <source>Select a template to see it as the contact will.</source>
        <translation>Elige una plantilla para verla como la verá el contacto.</translation>
    </message>
    <message>
        <source>Preview of %1</source>
        <translation>Vista previa de %1</translation>
    </message>
    <message>
        <source>Agents can send it.</source>
        <translation>Los agentes pueden enviarla.</translation>
    </message>
    <message>
        <source>Meta is reviewing it; it can be sent once approved.</source>
        <translation>Meta la está revisando; se podrá enviar cuando la apruebe.</translation>
    </message>
    <message>
        <source>Meta rejected it. Fix it in WhatsApp Manager and submit it again, then sync.</source>
        <translation>Meta la rechazó. Corrígela en WhatsApp Manager, vuelve a enviarla a revisión y sincroniza.</translation>
    </message>
    <message>
        <source>It cannot be sent now.</source>
        <translation>Ahora no se puede enviar.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message numerus="yes">
        <source>Synced: Meta has %n template(s) for your number.</source>
        <translation>
            <numerusform>Sincronizado: Meta tiene %n plantilla para tu número.</numerusform>
            <numerusform>Sincronizado: Meta tiene %n plantillas para tu número.</numerusform>
        </translation>
    </message>
    <message>
        <source>WhatsApp is not set up for your company yet. Set it up on the WhatsApp page (access token, phone number ID and business account ID), then sync again.</source>
        <translation>WhatsApp todavía no está configurado para tu empresa. Configúralo en la página WhatsApp (token de acceso, ID del número de teléfono e ID de la cuenta de empresa) y vuelve a sincronizar.</translation>
    </message>
    <message>
        <source>Meta refused the access token: %1. Replace the token in the WhatsApp configuration, then sync again.</source>
        <translation>Meta rechazó el token de acceso: %1. Cambia el token en la configuración de WhatsApp y vuelve a sincronizar.</translation>
    </message>
    <message>
        <source>Meta could not be reached: %1. Nothing changed; try again in a few minutes.</source>
        <translation>No se pudo contactar con Meta: %1. No cambió nada; vuelve a intentarlo en unos minutos.</translation>
    </message>
    <message>
        <source>Meta is limiting requests: %1. Wait a few minutes, then sync again.</source>
        <translation>Meta está limitando las peticiones: %1. Espera unos minutos y vuelve a sincronizar.</translation>
    </message>
    <message>
        <source>Meta refused the sync: %1. Nothing changed; check the WhatsApp configuration, then sync again.</source>
        <translation>Meta rechazó la sincronización: %1. No cambió nada; revisa la configuración de WhatsApp y vuelve a sincronizar.</translation>
    </message>
</context>
<context>
    <name>puente::ui::TenantDialog</name>
    <message>
        <source>up to %1 users</source>
        <translation>hasta %1 usuarios</translation>
    </message>
    <message>
        <source>unlimited users</source>
        <translation>usuarios ilimitados</translation>
    </message>
    <message>
        <source>%1 conversations started per month</source>
        <translation>%1 conversaciones iniciadas al mes</translation>
    </message>
    <message>
        <source>unlimited conversations</source>
        <translation>conversaciones ilimitadas</translation>
    </message>
    <message>
        <source>campaigns of up to %1 people</source>
        <translation>campañas de hasta %1 personas</translation>
    </message>
    <message>
        <source>campaigns of any size</source>
        <translation>campañas de cualquier tamaño</translation>
    </message>
    <message>
        <source>New company</source>
        <translation>Nueva empresa</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Editar %1</translation>
    </message>
    <message>
        <source>As its people call it, e.g. Reclutamiento Andino</source>
        <translation>Como la llama su gente, p. ej. Reclutamiento Andino</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>lower-case letters, digits and hyphens</source>
        <translation>minúsculas, dígitos y guiones</translation>
    </message>
    <message>
        <source>Names the company in addresses and when signing in; cannot be changed later.</source>
        <translation>Identifica a la empresa en direcciones y al iniciar sesión; no se puede cambiar después.</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>Nombre corto</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>First administrator</source>
        <translation>Primer administrador</translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation>nombre@empresa.com</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generar</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Pass the password on privately; they can change it after signing in.</source>
        <translation>Comunica la contraseña en privado; podrá cambiarla después de entrar.</translation>
    </message>
    <message>
        <source>Create company</source>
        <translation>Crear empresa</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Another company already uses this short name. Choose a different one.</source>
        <translation>Otra empresa ya usa este nombre corto. Elige uno distinto.</translation>
    </message>
    <message>
        <source>The short name may only have lower-case letters, digits and hyphens (2–63), and not only digits.</source>
        <translation>El nombre corto solo admite minúsculas, dígitos y guiones (de 2 a 63), y no puede tener solo dígitos.</translation>
    </message>
    <message>
        <source>The password is too weak: %1</source>
        <translation>La contraseña es demasiado débil: %1</translation>
    </message>
    <message>
        <source>That email address does not look right.</source>
        <translation>Esa dirección de correo no parece correcta.</translation>
    </message>
</context>
<context>
    <name>puente::ui::TenantsPage</name>
    <message>
        <source>Companies</source>
        <translation>Empresas</translation>
    </message>
    <message>
        <source>New company…</source>
        <translation>Nueva empresa…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation>Suspender…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reactivar</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Last webhook</source>
        <translation>Último webhook</translation>
    </message>
    <message>
        <source>Messages this month</source>
        <translation>Mensajes este mes</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Conversations started</source>
        <translation>Conversaciones iniciadas</translation>
    </message>
    <message>
        <source>Webhooks that belong to no company</source>
        <translation>Webhooks que no pertenecen a ninguna empresa</translation>
    </message>
    <message>
        <source>Meta sent these for a number or business account no company has connected. Connect it to the right company (WhatsApp configuration), then replay them.</source>
        <translation>Meta los envió para un número o cuenta de empresa que ninguna empresa tiene conectado. Conéctalo a la empresa correcta (configuración de WhatsApp) y reprocésalos.</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendida</translation>
    </message>
    <message>
        <source>Suspended: %1</source>
        <translation>Suspendida: %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Sin conectar</translation>
    </message>
    <message>
        <source>Failing</source>
        <translation>Con fallos</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectada</translation>
    </message>
    <message>
        <source>Not tested</source>
        <translation>Sin probar</translation>
    </message>
    <message>
        <source>%1 is ready. Its administrator can sign in now and connect WhatsApp.</source>
        <translation>%1 está lista. Su administrador ya puede entrar y conectar WhatsApp.</translation>
    </message>
    <message>
        <source>Suspend %1</source>
        <translation>Suspender %1</translation>
    </message>
    <message>
        <source>Its users are signed out and shown the reason below. Webhooks from Meta are still stored; messages already queued wait, and new ones are refused, until you resume it.</source>
        <translation>Sus usuarios saldrán de la sesión y verán el motivo que escribas abajo. Los webhooks de Meta se siguen guardando; los mensajes ya en cola esperan y los nuevos se rechazan hasta que la reactives.</translation>
    </message>
    <message>
        <source>Reason, e.g. unpaid invoice of October</source>
        <translation>Motivo, p. ej. factura de octubre sin pagar</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Suspender</translation>
    </message>
    <message>
        <source>the companies</source>
        <translation>las empresas</translation>
    </message>
</context>
<context>
    <name>puente::ui::UsageBar</name>
    <message>
        <source>%1 (no limit)</source>
        <translation>%1 (sin límite)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
</context>
<context>
    <name>puente::ui::UsersPage</name>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>The people of your company who use Puente. Agents answer conversations; administrators also manage users, API keys, templates and WhatsApp.</source>
        <translation>Las personas de tu empresa que usan Puente. Los agentes responden conversaciones; los administradores además gestionan usuarios, claves de API, plantillas y WhatsApp.</translation>
    </message>
    <message>
        <source>New user…</source>
        <translation>Nuevo usuario…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Cambiar rol…</translation>
    </message>
    <message>
        <source>Deactivate…</source>
        <translation>Desactivar…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Restablecer contraseña…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Último acceso</translation>
    </message>
    <message>
        <source>the users</source>
        <translation>los usuarios</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (tú)</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>No users yet. Use “New user…” to add your colleagues.</source>
        <translation>Todavía no hay usuarios. Usa “Nuevo usuario…” para añadir a tus compañeros.</translation>
    </message>
    <message>
        <source>Reactivate…</source>
        <translation>Reactivar…</translation>
    </message>
    <message>
        <source>You cannot deactivate yourself. Another administrator can.</source>
        <translation>No puedes desactivarte a ti mismo. Puede hacerlo otro administrador.</translation>
    </message>
    <message>
        <source>%1 can now sign in with %2 and the password you gave them.</source>
        <translation>%1 ya puede entrar con %2 y la contraseña que le diste.</translation>
    </message>
    <message>
        <source>Make %1 an agent? They will answer conversations but no longer manage users, API keys, templates or WhatsApp.</source>
        <translation>¿Hacer agente a %1? Responderá conversaciones, pero ya no gestionará usuarios, claves de API, plantillas ni WhatsApp.</translation>
    </message>
    <message>
        <source>Make %1 an administrator? They will also manage users, API keys, templates and WhatsApp.</source>
        <translation>¿Hacer administrador a %1? Además gestionará usuarios, claves de API, plantillas y WhatsApp.</translation>
    </message>
    <message>
        <source>You will lose access to this page yourself.</source>
        <translation>Tú mismo perderás el acceso a esta página.</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Cambiar rol</translation>
    </message>
    <message>
        <source>Make agent</source>
        <translation>Hacer agente</translation>
    </message>
    <message>
        <source>Make administrator</source>
        <translation>Hacer administrador</translation>
    </message>
    <message>
        <source>%1 is now an agent.</source>
        <translation>%1 ahora es agente.</translation>
    </message>
    <message>
        <source>%1 is now an administrator.</source>
        <translation>%1 ahora es administrador.</translation>
    </message>
    <message>
        <source>Deactivate user</source>
        <translation>Desactivar usuario</translation>
    </message>
    <message>
        <source>Deactivate %1? They are signed out at once and cannot sign in until reactivated. Their messages stay in the conversations.</source>
        <translation>¿Desactivar a %1? Se cierran sus sesiones al instante y no podrá entrar hasta que lo reactives. Sus mensajes se quedan en las conversaciones.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>%1 is deactivated.</source>
        <translation>%1 está desactivado.</translation>
    </message>
    <message>
        <source>Reactivate user</source>
        <translation>Reactivar usuario</translation>
    </message>
    <message>
        <source>Reactivate %1? They can sign in again with their password.</source>
        <translation>¿Reactivar a %1? Podrá volver a entrar con su contraseña.</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reactivar</translation>
    </message>
    <message>
        <source>%1 can sign in again.</source>
        <translation>%1 ya puede volver a entrar.</translation>
    </message>
    <message>
        <source>%1 has a new password and was signed out everywhere.</source>
        <translation>%1 tiene una contraseña nueva y se cerraron todas sus sesiones.</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Contraseña nueva</translation>
    </message>
    <message>
        <source>%1 is your company&apos;s last active administrator: someone must stay one. Make another user an administrator first.</source>
        <translation>%1 es el último administrador activo de tu empresa y alguien tiene que seguir siéndolo. Primero haz administrador a otro usuario.</translation>
    </message>
    <message>
        <source>Give this password to %1. They sign in with %2 and this password.</source>
        <translation>Dale esta contraseña a %1. Entra con %2 y esta contraseña.</translation>
    </message>
    <message>
        <source>%1 cannot be reactivated: your company&apos;s plan has no room for more active users. Deactivate someone who no longer needs access, or ask your platform operator for a bigger plan.</source>
        <translation>No se puede reactivar a %1: el plan de tu empresa no admite más usuarios activos. Desactiva a alguien que ya no necesite acceso o pide un plan mayor a quien administra la plataforma.</translation>
    </message>
</context>
<context>
    <name>puente::ui::WhatsAppConfigDialog</name>
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
    <message>
        <source>Save values Meta refused?</source>
        <translation>¿Guardar valores que Meta rechazó?</translation>
    </message>
    <message>
        <source>When you tested these values, Meta refused them: %1

If you save them, messages will fail until they are corrected. Save anyway?</source>
        <translation>Cuando probaste estos valores, Meta los rechazó: %1

Si los guardas, los mensajes fallarán hasta que se corrijan. ¿Guardar de todos modos?</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Guardar de todos modos</translation>
    </message>
    <message>
        <source>Optional: your own Meta app&apos;s ID</source>
        <translation>Opcional: el ID de tu propia app de Meta</translation>
    </message>
    <message>
        <source>App ID</source>
        <translation>ID de la app</translation>
    </message>
    <message>
        <source>With your own app&apos;s ID and secret, Puente renews a user access token before it expires.</source>
        <translation>Con el ID y la clave secreta de tu propia app, Puente renueva un token de acceso de usuario antes de que caduque.</translation>
    </message>
    <message>
        <source>Recommended: a System User token, which never expires (Business settings → Users → System users → Generate new token).</source>
        <translation>Recomendado: un token de usuario del sistema, que no caduca nunca (Configuración del negocio → Usuarios → Usuarios del sistema → Generar nuevo token).</translation>
    </message>
    <message>
        <source>The app ID is digits only: Meta&apos;s App settings → Basic.</source>
        <translation>El ID de la app son solo dígitos: en Meta, Configuración de la app → Básica.</translation>
    </message>
    <message>
        <source>Meta says this access token is not valid. Copy it again from Meta, or make a System User token.</source>
        <translation>Meta dice que este token de acceso no es válido. Cópialo de nuevo desde Meta o crea un token de usuario del sistema.</translation>
    </message>
    <message>
        <source>This access token has expired. Make a new one: a System User token never expires.</source>
        <translation>Este token de acceso ha caducado. Crea uno nuevo: un token de usuario del sistema no caduca nunca.</translation>
    </message>
    <message>
        <source>This access token lacks the permission %1. Make it again with whatsapp_business_messaging and whatsapp_business_management.</source>
        <translation>A este token de acceso le falta el permiso %1. Créalo de nuevo con whatsapp_business_messaging y whatsapp_business_management.</translation>
    </message>
    <message>
        <source>The access token is not granted for this WhatsApp Business account. In Meta Business Suite, assign the account to the token&apos;s system user, or check the ID.</source>
        <translation>El token de acceso no tiene permiso para esta cuenta de WhatsApp Business. En Meta Business Suite, asigna la cuenta al usuario del sistema del token, o revisa el ID.</translation>
    </message>
</context>
<context>
    <name>puente::ui::WhatsAppPage</name>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Configure WhatsApp…</source>
        <translation>Configurar WhatsApp…</translation>
    </message>
    <message>
        <source>Cannot read the configuration: no connection to the server.</source>
        <translation>No se puede leer la configuración: no hay conexión con el servidor.</translation>
    </message>
    <message>
        <source>Cannot read the configuration: %1</source>
        <translation>No se puede leer la configuración: %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;WhatsApp is not set up yet. You need, from Meta&apos;s WhatsApp Manager: an access token, the phone number ID and the WhatsApp Business account ID. Then paste this webhook URL into Meta&apos;s app settings:&lt;/p&gt;&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;WhatsApp aún no está configurado. Necesitas, desde WhatsApp Manager de Meta: un token de acceso, el identificador del número de teléfono y el identificador de la cuenta de WhatsApp Business. Después pega esta URL del webhook en la configuración de la aplicación de Meta:&lt;/p&gt;&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Set up WhatsApp…</source>
        <translation>Configurar WhatsApp…</translation>
    </message>
    <message>
        <source>Connected via Business API</source>
        <translation>Conectado vía Business API</translation>
    </message>
    <message>
        <source>Failing: %1</source>
        <translation>Con fallos: %1</translation>
    </message>
    <message>
        <source>Not checked yet: use Test connection in the configuration</source>
        <translation>Sin comprobar todavía: usa «Probar conexión» en la configuración</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Verified name</source>
        <translation>Nombre verificado</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Calidad</translation>
    </message>
    <message>
        <source>Messaging limit</source>
        <translation>Límite de mensajes</translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation>Identificador del número de teléfono</translation>
    </message>
    <message>
        <source>Business account ID</source>
        <translation>Identificador de la cuenta de empresa</translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation>Última comprobación</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL del webhook</translation>
    </message>
</context>
</TS>
