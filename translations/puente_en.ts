<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>puente::ui::LocalServerWindow</name>
    <message>
        <source>Puente</source>
        <translation>Puente</translation>
    </message>
    <message>
        <source>Starting the local server…</source>
        <translation>Starting the local server…</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>Local server running</source>
        <translation>Local server running</translation>
    </message>
    <message>
        <source>The local server could not start</source>
        <translation>The local server could not start</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Ready: database schema version %1 (checked at %2)</source>
        <translation>Ready: database schema version %1 (checked at %2)</translation>
    </message>
    <message>
        <source>The server does not answer (checked at %1). Restart Puente.</source>
        <translation>The server does not answer (checked at %1). Restart Puente.</translation>
    </message>
    <message>
        <source>Not ready: %1 (checked at %2)</source>
        <translation>Not ready: %1 (checked at %2)</translation>
    </message>
</context>
<context>
    <name>puente::ui::WhatsAppConfigDialog</name>
    <message>
        <source>Not rated yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>High (green)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Medium (yellow)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Low (red)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Meta did not say</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlimited</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 customers every 24 hours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Number:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verified name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quality:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Messaging limit:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The Puente server does not answer. Check your connection and try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only administrators can change this.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Too many requests. Wait a moment and try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The Puente server could not do this right now. Try again in a moment.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>WhatsApp configuration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>WhatsApp Business API (recommended)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connection type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 106540352242922</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone number ID</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 102290129340398</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>WhatsApp Business account ID</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>App secret</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Webhook verify token</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Webhook URL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paste this URL and the verify token into the Webhooks section of your Meta app.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stored: %1 — leave empty to keep it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paste the access token from Meta (required)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Optional: leave empty to use the platform's app</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Leave empty and one is generated when you save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not load the WhatsApp configuration. %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last successful test: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not tested yet. Test the connection to see the number Meta reports.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The last test failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Required.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This is the number's ID from WhatsApp Manager, not the phone number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This is the account's ID from WhatsApp Manager: digits only, no + or spaces</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Digits only, at most 32.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paste the access token from Meta: it is required the first time.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>At least 8 characters (or press Generate).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Asking Meta…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>These values are not saved yet: press Save to keep them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connected: Meta accepted these values.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The connection failed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The Puente server could not reach Meta. Check that the server has internet access (proxy, firewall) and try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This number is already connected to another company</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This WhatsApp Business account is already connected to another company</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>puente::ui::SetupDialog</name>
    <message>
        <source>Welcome to Puente</source>
        <translation>Welcome to Puente</translation>
    </message>
    <message>
        <source>Nobody uses this computer's Puente yet. How do you want to start?</source>
        <translation>Nobody uses this computer's Puente yet. How do you want to start?</translation>
    </message>
    <message>
        <source>Set up my company</source>
        <translation>Set up my company</translation>
    </message>
    <message>
        <source>Create your company's account. You will be its administrator and can add your team afterwards.</source>
        <translation>Create your company's account. You will be its administrator and can add your team afterwards.</translation>
    </message>
    <message>
        <source>for example: Acme Recruiting</source>
        <translation>for example: Acme Recruiting</translation>
    </message>
    <message>
        <source>Company name:</source>
        <translation>Company name:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Your name:</translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation>name@company.com</translation>
    </message>
    <message>
        <source>Your email:</source>
        <translation>Your email:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>At least 10 characters.</source>
        <translation>At least 10 characters.</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>Password again:</translation>
    </message>
    <message>
        <source>Try the demo (Sandbox)</source>
        <translation>Try the demo (Sandbox)</translation>
    </message>
    <message>
        <source>A WhatsApp emulator with sample candidates who write in, so that you can try everything. Nothing is sent to WhatsApp. You can set up your company later.</source>
        <translation>A WhatsApp emulator with sample candidates who write in, so that you can try everything. Nothing is sent to WhatsApp. You can set up your company later.</translation>
    </message>
    <message>
        <source>Type your company's name.</source>
        <translation>Type your company's name.</translation>
    </message>
    <message>
        <source>Type your name.</source>
        <translation>Type your name.</translation>
    </message>
    <message>
        <source>Type a valid email address, like ana@company.com.</source>
        <translation>Type a valid email address, like ana@company.com.</translation>
    </message>
    <message>
        <source>Choose a password.</source>
        <translation>Choose a password.</translation>
    </message>
    <message>
        <source>The two passwords are different: type the same password twice.</source>
        <translation>The two passwords are different: type the same password twice.</translation>
    </message>
    <message>
        <source>This password is too weak. Use at least 10 characters, with at least 5 different ones, and not a common password like “password123”.</source>
        <translation>This password is too weak. Use at least 10 characters, with at least 5 different ones, and not a common password like “password123”.</translation>
    </message>
    <message>
        <source>This Puente already has a company: close this window and sign in.</source>
        <translation>This Puente already has a company: close this window and sign in.</translation>
    </message>
    <message>
        <source>The company could not be created: %1</source>
        <translation>The company could not be created: %1</translation>
    </message>
    <message>
        <source>Create my company</source>
        <translation>Create my company</translation>
    </message>
    <message>
        <source>Start the demo</source>
        <translation>Start the demo</translation>
    </message>
</context>
<context>
    <name>puente::ui::SignInDialog</name>
    <message>
        <source>This console has no server of its own: choose “Server at an address”.</source>
        <translation>This console has no server of its own: choose “Server at an address”.</translation>
    </message>
    <message>
        <source>Sign in — Puente</source>
        <translation>Sign in — Puente</translation>
    </message>
    <message>
        <source>Sign in to Puente</source>
        <translation>Sign in to Puente</translation>
    </message>
    <message>
        <source>This computer (local)</source>
        <translation>This computer (local)</translation>
    </message>
    <message>
        <source>Server at an address</source>
        <translation>Server at an address</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation>name@company.com</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>This email has accounts in several companies: type the company's short name (ask your administrator if you do not know it).</source>
        <translation>This email has accounts in several companies: type the company's short name (ask your administrator if you do not know it).</translation>
    </message>
    <message>
        <source>for example: acme-recruiting</source>
        <translation>for example: acme-recruiting</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>Company:</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>Remember me on this computer</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Type the server's address, for example https://puente.example.com.</source>
        <translation>Type the server's address, for example https://puente.example.com.</translation>
    </message>
    <message>
        <source>“%1” is not a server address. Type it like https://puente.example.com.</source>
        <translation>“%1” is not a server address. Type it like https://puente.example.com.</translation>
    </message>
    <message>
        <source>Type your email and your password.</source>
        <translation>Type your email and your password.</translation>
    </message>
    <message>
        <source>Type the company's short name.</source>
        <translation>Type the company's short name.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>The server could not be found.</source>
        <translation>The server could not be found.</translation>
    </message>
    <message>
        <source>Signed in. Saving the session in this computer's keychain…</source>
        <translation>Signed in. Saving the session in this computer's keychain…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>You are signed in, but this session will not be remembered: this computer's keychain is not available (%1). You will have to sign in again next time.</source>
        <translation>You are signed in, but this session will not be remembered: this computer's keychain is not available (%1). You will have to sign in again next time.</translation>
    </message>
    <message>
        <source>Wrong email or password. Check both and try again.</source>
        <translation>Wrong email or password. Check both and try again.</translation>
    </message>
    <message>
        <source>Your company's access to Puente is suspended. The server says: “%1”. Contact whoever runs your Puente server.</source>
        <translation>Your company's access to Puente is suspended. The server says: “%1”. Contact whoever runs your Puente server.</translation>
    </message>
    <message>
        <source>This account may not sign in here. The server says: “%1”.</source>
        <translation>This account may not sign in here. The server says: “%1”.</translation>
    </message>
    <message>
        <source>Type the company's short name and sign in again.</source>
        <translation>Type the company's short name and sign in again.</translation>
    </message>
    <message>
        <source>The server did not accept the sign-in: “%1”. Check what you typed.</source>
        <translation>The server did not accept the sign-in: “%1”. Check what you typed.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1. Check the address and your connection.</source>
        <translation>Cannot reach the server at %1. Check the address and your connection.</translation>
    </message>
    <message>
        <source>The server at %1 did not answer in time. Check your connection and try again.</source>
        <translation>The server at %1 did not answer in time. Check your connection and try again.</translation>
    </message>
    <message>
        <source>The server at %1 has a problem right now (error %2). Try again in a few minutes; if it keeps happening, tell whoever runs your Puente server.</source>
        <translation>The server at %1 has a problem right now (error %2). Try again in a few minutes; if it keeps happening, tell whoever runs your Puente server.</translation>
    </message>
    <message>
        <source>The address %1 does not look like a Puente server (error %2). Check the address.</source>
        <translation>The address %1 does not look like a Puente server (error %2). Check the address.</translation>
    </message>
    <message numerus="yes">
        <source>Too many sign-in attempts. Wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Too many sign-in attempts. Wait %n second and try again.</numerusform>
            <numerusform>Too many sign-in attempts. Wait %n seconds and try again.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>You can try again now.</translation>
    </message>
</context>
</TS>