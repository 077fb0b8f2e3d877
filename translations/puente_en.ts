<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High (green)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium (yellow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low (red)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta did not say</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 customers every 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messaging limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Puente server does not answer. Check your connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only administrators can change this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests. Wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Puente server could not do this right now. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp Business API (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 106540352242922</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 102290129340398</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp Business account ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook verify token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste this URL and the verify token into the Webhooks section of your Meta app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored: %1 — leave empty to keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the access token from Meta (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: leave empty to use the platform&apos;s app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty and one is generated when you save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the WhatsApp configuration. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last successful test: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not tested yet. Test the connection to see the number Meta reports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last test failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the number&apos;s ID from WhatsApp Manager, not the phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the account&apos;s ID from WhatsApp Manager: digits only, no + or spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digits only, at most 32.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the access token from Meta: it is required the first time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least 8 characters (or press Generate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking Meta…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These values are not saved yet: press Save to keep them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: Meta accepted these values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Puente server could not reach Meta. Check that the server has internet access (proxy, firewall) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This number is already connected to another company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This WhatsApp Business account is already connected to another company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
