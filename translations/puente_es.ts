<?xml version='1.0' encoding='utf-8'?>
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
        <source>Optional: leave empty to use the platform's app</source>
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
        <source>This is the number's ID from WhatsApp Manager, not the phone number</source>
        <translation>Es el identificador del número en WhatsApp Manager, no el número de teléfono</translation>
    </message>
    <message>
        <source>This is the account's ID from WhatsApp Manager: digits only, no + or spaces</source>
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
<context>
    <name>puente::ui::SetupDialog</name>
    <message>
        <source>Welcome to Puente</source>
        <translation>Te damos la bienvenida a Puente</translation>
    </message>
    <message>
        <source>Nobody uses this computer's Puente yet. How do you want to start?</source>
        <translation>Todavía nadie usa Puente en este equipo. ¿Cómo quieres empezar?</translation>
    </message>
    <message>
        <source>Set up my company</source>
        <translation>Configurar mi empresa</translation>
    </message>
    <message>
        <source>Create your company's account. You will be its administrator and can add your team afterwards.</source>
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
        <source>Type your company's name.</source>
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
        <source>This email has accounts in several companies: type the company's short name (ask your administrator if you do not know it).</source>
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
        <source>Type the server's address, for example https://puente.example.com.</source>
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
        <source>Type the company's short name.</source>
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
        <source>Signed in. Saving the session in this computer's keychain…</source>
        <translation>Sesión iniciada. Guardando la sesión en el llavero de este equipo…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>You are signed in, but this session will not be remembered: this computer's keychain is not available (%1). You will have to sign in again next time.</source>
        <translation>Has iniciado sesión, pero esta sesión no se recordará: el llavero de este equipo no está disponible (%1). La próxima vez tendrás que volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>Wrong email or password. Check both and try again.</source>
        <translation>Correo electrónico o contraseña incorrectos. Revisa ambos e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>Your company's access to Puente is suspended. The server says: “%1”. Contact whoever runs your Puente server.</source>
        <translation>El acceso de tu empresa a Puente está suspendido. El servidor indica: «%1». Ponte en contacto con quien gestiona tu servidor de Puente.</translation>
    </message>
    <message>
        <source>This account may not sign in here. The server says: “%1”.</source>
        <translation>Esta cuenta no puede iniciar sesión aquí. El servidor indica: «%1».</translation>
    </message>
    <message>
        <source>Type the company's short name and sign in again.</source>
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
</TS>