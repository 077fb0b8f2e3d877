<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>MetaText</name>
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
        <source>Meta refused the access token. Paste a new one under WhatsApp → Configure (a System User token does not expire).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta limited how fast this number sends. Puente slows down and retries by itself; if it happens every day, spread campaigns over more time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many messages to the same person in a short time. Wait a few seconds between messages to one contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta is limiting this number because people blocked or reported it. Send fewer unsolicited messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number cannot receive WhatsApp messages (not on WhatsApp, an old app, or it has not accepted the new terms). Reach the candidate another way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A test number can only write to the numbers on its allowed list in Meta&apos;s app. Add the number there or use the production number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than 24 hours since the candidate last wrote: send an approved template instead of free text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta held back this marketing message to protect the person&apos;s experience. Try again after 24 hours, or use a utility template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person has stopped marketing messages from your company.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is a billing problem with the WhatsApp Business account. Check the payment method in Meta Business Suite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta has restricted or locked the account for a policy reason. Check Account quality in WhatsApp Manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be sent. Check its type and size (images up to 5 MB, videos and audio up to 16 MB, documents up to 100 MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A temporary problem at Meta. Retry later; if it keeps happening, contact Meta support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template&apos;s parameters do not match what Meta approved. Check the template&apos;s placeholders and sync templates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template does not exist in that language or is not approved yet. Sync templates and check its status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template content breaks WhatsApp&apos;s policies. Edit it in WhatsApp Manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template is paused or disabled because of low quality. Check it in WhatsApp Manager and use another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The phone number is not registered with the Cloud API. Register it in WhatsApp Manager, then test the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente could not confirm the send. Check the conversation and retry the message if it did not arrive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look up Meta&apos;s error code %1 in the Cloud API documentation, or give the code to whoever set up WhatsApp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>A System User token never expires: in Meta Business Suite, Business settings → Users → System users → Generate new token, with whatsapp_business_messaging and whatsapp_business_management.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta does not accept the access token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System User token: it never expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token never expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token expires in less than a day (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The access token expires in %n day(s) (%1).</source>
        <translation>
            <numerusform>The access token expires in %n day (%1).</numerusform>
            <numerusform>The access token expires in %n days (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Puente renews it before then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a new token before then, or give your app ID and app secret so that Puente renews it. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last renewal failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente tries again tomorrow; check the app ID and app secret. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::AdminText</name>
    <message>
        <source>The server does not answer, so nothing was changed. Try again when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You do not have permission to do this: only your company&apos;s administrators can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests to the server. Wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It no longer exists: someone else may have changed it. The list has been reloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::ApiKeysPage</name>
    <message>
        <source>API keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys let your company&apos;s other programs (a CRM, a script) read conversations and send messages through Puente. They send the key as “Authorization: Bearer &lt;key&gt;”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the API keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API keys yet. Create one when a program of your company needs to use Puente.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key “%1” created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your new API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the key “%1”. Paste it into the program that will use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the key “%1”? It stops working at once: whatever uses it can no longer reach Puente. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key “%1” revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked · %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::AuditLogPage</name>
    <message>
        <source>administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the phone number ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the business account ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the webhook verify token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the app secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the WhatsApp Web fallback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sending speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not sign in: wrong password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not sign in: the company is suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone tried to sign in as %1, an account that does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 created the user %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deactivated the user %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reset the password of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>made them %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>renamed them “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reactivated them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reset their password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed the user %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed the user %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 created the API key “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 revoked an API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 revoked the API key “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 set up WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 saved the WhatsApp configuration without changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 synced the templates with Meta (%n found)</source>
        <translation>
            <numerusform>%1 synced the templates with Meta (%n found)</numerusform>
            <numerusform>%1 synced the templates with Meta (%n found)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 sent a failed message again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dismissed a failed message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 started a conversation with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 archived a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 blocked a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reopened a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unassigned a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 assigned a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 created the company %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>renamed it “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moved it to the %1 plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed the company: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 suspended the company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 suspended the company: “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 resumed the company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (platform operator) looked into this company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (platform operator) made a change in this company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 replayed a webhook that had not been processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ran into the plan&apos;s limit of active users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ran into the plan&apos;s limit of conversations started this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone, or an email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company and plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform operators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show older entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries for these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit-log-%1.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exporting… %n entries so far</source>
        <translation>
            <numerusform>Exporting… %n entry so far</numerusform>
            <numerusform>Exporting… %n entries so far</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entries exported to %1.</source>
        <translation>
            <numerusform>%n entry exported to %1.</numerusform>
            <numerusform>%n entries exported to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>the app ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The access token expires in %n day(s)</source>
        <translation>
            <numerusform>The access token expires in %n day</numerusform>
            <numerusform>The access token expires in %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>The access token has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta no longer accepts the access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente renewed the access token; the new one expires on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente could not renew the access token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::CampaignText</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tomorrow at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yesterday at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s)</source>
        <translation>
            <numerusform>about %n second</numerusform>
            <numerusform>about %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>about %n minute</numerusform>
            <numerusform>about %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s)</source>
        <translation>
            <numerusform>about %n hour</numerusform>
            <numerusform>about %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n day(s)</source>
        <translation>
            <numerusform>about %n day</numerusform>
            <numerusform>about %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused by hand. Resume it to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by %1. Resume it to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente paused it: your number&apos;s quality rating dropped to red (low), and Meta may lower its limits or block it. Check the templates&apos; feedback in WhatsApp Manager before resuming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente paused it: your number&apos;s quality rating dropped to yellow (medium), and this campaign was set to pause then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente paused it: Meta limits this number for spam (error 131048) because many people blocked or reported it. Wait, and review the campaign before resuming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente paused it: Meta held back %1 messages in a minute to protect people&apos;s experience (error 131049). Resume later, or send to fewer people.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente paused it: Meta refused the access token (error 190). Enter a new one on the WhatsApp page, then resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente paused it: its template cannot be sent any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente paused it: its template cannot be sent any more. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente paused it: your plan&apos;s message limit was reached. An administrator of Puente can raise it; then resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente paused it: WhatsApp (Cloud API) is no longer connected for your company. Set it up on the WhatsApp page, then resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting: Meta&apos;s limit of %1 people every 24 hours is reached. It goes on by itself %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting: Meta&apos;s messaging limit is reached. It goes on by itself %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting: Meta&apos;s messaging limit is reached. It goes on by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Not started: %n candidate(s) ready.</source>
        <translation>
            <numerusform>Not started: %n candidate ready.</numerusform>
            <numerusform>Not started: %n candidates ready.</numerusform>
        </translation>
    </message>
    <message>
        <source>No list of candidates yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts soon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending; ends %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the last messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a phone number. Write it with its country code, such as +34 612 345 678.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is empty, and the message needs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is longer than WhatsApp allows there (60 characters in a header, 1,024 in the text).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” cannot be used in the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same number is on an earlier line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The candidate asked for no more automatic messages (opt-out).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The candidate is blocked in Conversations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value the message needs was empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your plan&apos;s message limit was reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp was not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign was cancelled before it was their turn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp did not say why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp refused the message (Meta&apos;s error %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp refused the message (Meta&apos;s error %1: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is saved as UTF-16 (“Unicode text”), not UTF-8. Save it as “CSV UTF-8” and choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 contains binary data: this is not a CSV text file. Save it as “CSV UTF-8” and choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read past line %1. Choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 opens a quotation mark (&quot;) that is never closed. Close it in the file and choose the file again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 is far longer than in any list of candidates. Check that every quotation mark (&quot;) is closed, or that this is the right file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 has more than %2 columns. Check that the file is separated by commas or semicolons, or that this is the right file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 is not UTF-8 text. Save the file as “CSV UTF-8” and choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty. Its first line names the columns (telefono, nombre…), then one line per candidate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no column with the phone numbers. Its first line must name one “telefono” (or phone, movil, celular, mobile, whatsapp, numero).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template needs the column “%1”, which the file does not have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This campaign has nobody to send to yet: give it a list of candidates (a CSV file) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its list of candidates is still being checked. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign cannot be sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign&apos;s template no longer exists. Sync the templates, or make a new campaign with another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign is not ready to start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns go out through the WhatsApp Cloud API, and it is not connected for your company. Set it up on the WhatsApp page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign cannot do that in its current state: someone may have changed it meanwhile. The list has been reloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a draft can be changed or deleted. Cancel the campaign instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your plan sends a campaign to at most %1 candidates, and the file has more. Split the file, or ask for a bigger plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your plan&apos;s limit was reached. An administrator of Puente can raise it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the campaign a name (at most 200 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That template no longer exists in this language. Sync the templates, or choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a column, or write the fixed text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is too large: at most 64 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file must be CSV: from a spreadsheet, save it as “CSV UTF-8”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign no longer exists: someone may have deleted it. The list has been reloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a second or less</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by Puente: the number&apos;s quality dropped to red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by Puente: the number&apos;s quality dropped to yellow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by Puente: Meta limits the number for spam.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by Puente: Meta held messages back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by Puente: Meta refused the access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by Puente: the template cannot be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by Puente: the plan&apos;s message limit was reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by Puente: WhatsApp is not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for Meta&apos;s daily limit; goes on by itself %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for Meta&apos;s daily limit; goes on by itself.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::CampaignWizard</name>
    <message>
        <source>New campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s first rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where each placeholder takes its value from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This template has no placeholders: every candidate receives the same text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As received by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values go in exactly as the file has them: check dates, amounts and capital letters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warehouse staff, Valencia – March</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only your team sees it: the candidates receive the template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When I start it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a time, starting it schedules it: it goes out from then on, in your computer&apos;s time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause it if the number&apos;s quality drops to yellow (medium), not only to red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save all issues…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the CSV file with your candidates: a column with their phone numbers (telefono), and the others the message needs (nombre, puesto…). From a spreadsheet, save it as “CSV UTF-8”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an approved template and, for each placeholder, the column of the file that fills it in, or a text that is the same for everyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message as these candidates will receive it on WhatsApp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name and start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next, Puente creates the campaign as a draft and checks every row of the file. Nothing is sent until you start it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list, checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign is created. This is what Puente found in the file: start it now, or keep it as a draft and start it later from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file of candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not read: the column has no name, or the same name as an earlier one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read as “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has its column names but no candidates: add one line per candidate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone numbers come from the column &lt;b&gt;“%1”&lt;/b&gt;. Numbers without a country code are read as numbers of your company&apos;s country.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message can use %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not read (no name, or a name already used): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The first %n row(s) are shown; every row is checked once the campaign is created.</source>
        <translation>
            <numerusform>The first row is shown; every row is checked once the campaign is created.</numerusform>
            <numerusform>The first %n rows are shown; every row is checked once the campaign is created.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot load the templates: the server does not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the templates: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no approved template yet. Create one in WhatsApp Manager, then sync the templates on the Templates page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header file (an https link)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header {{%1}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text {{%1}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Button “%1”: end of its link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a column…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed text…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed text for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same text for everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First row: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the text, or choose a column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the column that fills it in, or “Fixed text…”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This row has nothing in “%1”: this candidate will be left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header&apos;s value is longer than 60 characters, WhatsApp&apos;s limit: this candidate will be left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the campaign a name, such as “Warehouse staff, Valencia”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a time in the future, or “When I start it”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the campaign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking every row of the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file was not taken, and the campaign was not kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign was not created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s) will receive it</source>
        <translation>
            <numerusform>%n candidate will receive it</numerusform>
            <numerusform>%n candidates will receive it</numerusform>
        </translation>
    </message>
    <message>
        <source>Rows read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeated numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid (number or values)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked for no more messages (opt-out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked in Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
The file has: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: every row can receive it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first %1 of %2 rows left out; save all of them to see the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp is not connected yet: the campaign cannot start until an administrator sets it up on the WhatsApp page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At your number&apos;s pace (%1 messages a second), sending it takes %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta does not limit how many people your number may start conversations with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>under 1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It uses %1 of the %2 people Meta lets your number start conversations with every 24 hours (%3); other conversations you start count too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Meta lets your number start conversations with %1 people every 24 hours, so this campaign takes at least %n day(s): it waits for the limit and goes on by itself.</source>
        <translation>
            <numerusform>Meta lets your number start conversations with %1 people every 24 hours, so this campaign takes at least %n day: it waits for the limit and goes on by itself.</numerusform>
            <numerusform>Meta lets your number start conversations with %1 people every 24 hours, so this campaign takes at least %n days: it waits for the limit and goes on by itself.</numerusform>
        </translation>
    </message>
    <message>
        <source>(Meta has not told your number&apos;s limit yet: Puente counts 250, the limit of a new number.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - rows left out.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the rows left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::CampaignsPage</name>
    <message>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A campaign sends one approved template to a list of candidates from a CSV file, at your number&apos;s pace and within Meta&apos;s limits. Follow how many received, read and answered it, and why some did not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No campaigns yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export your candidates from a spreadsheet as a CSV file (a column with their phone numbers, and any others the message needs), choose an approved template, and Puente sends it to each of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why / when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages handed to WhatsApp, of the candidates on the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a campaign to see how it is going.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel campaign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download results…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting their turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each step counts everyone who got that far: a message read was also sent and delivered. Replied: wrote back within 72 hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why some did not receive it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 candidates handed to WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starts %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected to end %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed, by Meta&apos;s error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody was left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No failed messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The first %n failed; download the results for all of them.</source>
        <translation>
            <numerusform>The first failed one; download the results for all of them.</numerusform>
            <numerusform>The first %n failed; download the results for all of them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot load the failed recipients: the server does not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the failed recipients: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign “%1” started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign “%1” kept as a draft: start it when you are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign “%1” paused: nothing more is sent until you resume it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign “%1” resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cancel “%1”? Nobody else receives it (%n candidate(s) still waiting). What was sent stays sent, and the campaign cannot be started again.</source>
        <translation>
            <numerusform>Cancel “%1”? Nobody else receives it (%n candidate still waiting). What was sent stays sent, and the campaign cannot be started again.</numerusform>
            <numerusform>Cancel “%1”? Nobody else receives it (%n candidates still waiting). What was sent stays sent, and the campaign cannot be started again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign “%1” cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the draft “%1” and its list of candidates?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign “%1” deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - results.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the campaign&apos;s results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The results were not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign “%1” scheduled: it starts %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::ChatPanel</name>
    <message>
        <source>Assign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a file: image, document, audio or video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a message (Enter sends, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>· window open for %n more hour(s)</source>
        <translation>
            <numerusform>· window open for %n more hour</numerusform>
            <numerusform>· window open for %n more hours</numerusform>
        </translation>
    </message>
    <message>
        <source>· window closes in less than an hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>· window closed: templates only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact is blocked: nothing can be sent. Unblock them to write again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has not written to you yet. WhatsApp only allows an approved template until they answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The 24-hour window is closed: %1 last wrote on %2. WhatsApp only allows an approved template until they answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection to the server: you can write, and send once it is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replying to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: there is no connection to the server. Your message is kept here; send it again when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: the 24-hour window is closed. Send a template instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: this contact is blocked. Unblock them to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: WhatsApp is not set up for your company yet. Ask an administrator to configure it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: your company&apos;s account is suspended (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection to the server: the message was not sent and is kept here. Send it again when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is too large for WhatsApp (at most 100 MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp does not take %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file has not been downloaded from WhatsApp yet; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot get the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No automatic notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact asked for no more automatic notices (opt-out). Allow them again only if they ask for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow automatic notices again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: there is no connection to the server. Attach the file again when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: there is no connection to the server. Try again when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent again: there is no connection to the server. Try again when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not dismissed: there is no connection to the server. Try again when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many requests: wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Too many requests: wait %n second and try again.</numerusform>
            <numerusform>Too many requests: wait %n seconds and try again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not dismissed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not marked as read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The 24-hour window is closed: %1 last wrote on %2, in the imported chat. WhatsApp only allows an approved template until they answer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::ConsoleController</name>
    <message>
        <source>Puente already runs its local server for %1 in this window; restart Puente to switch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo could not sign in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended (it expired or was closed elsewhere). Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server you used last time. Check the address and your connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer (the demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo&apos;s accounts: %1 (recruiter) or %2 (administrator), password %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::ConversationDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::ConversationListModel</name>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media not included in the export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::ConversationsPage</name>
    <message>
        <source>Search by name, number or message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a conversation with a phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a conversation on the left, or start one with New.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversations here yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches your search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the conversations: no connection to the server. They will load when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the conversations: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+34 612 345 678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the country code. The first message to a new contact must be an approved template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a valid phone number. Type it with the country code, e.g. +34 612 345 678.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection to the server. Try again when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a company at the top left to see its conversations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import an old WhatsApp chat (the .txt or .zip of &quot;Export chat&quot;); you can also drop the file on a chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp chat exports (*.txt *.zip)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::CreateApiKeyDialog</name>
    <message>
        <source>Read conversations and messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change conversations (assign, archive, mark read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An API key lets another program of your company (a CRM, a script) use Puente. It can only do what you tick here, never manage users or settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What uses it, such as “CRM sync”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the key a name, so you know later what uses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one thing the key may do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name must have 1 to 100 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not accept these permissions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the CRM&apos;s notifications (events to templates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run campaigns (one template to a list of candidates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>campaigns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::DeadLettersWidget</name>
    <message>
        <source>Nothing waiting: every webhook Meta sent was processed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing waiting: every webhook belonged to a company.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it was not processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process it again, once its cause is fixed (for example after connecting the number).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show content…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replayed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued again: Puente processes it within seconds. If it fails again it comes back here with the new reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook not processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What Meta sent is below (Show Details). It may contain personal data: do not share it outside your company.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No company has the phone number ID %1 connected. Connect it to the right company, then replay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No company has the WhatsApp Business account %1 connected. Connect it to the right company, then replay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing it failed %1 times (%2). Replay it once the server is healthy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the webhooks not processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed with another company&apos;s app secret, so it was not trusted for %1 and can never be replayed. Check which Meta app sends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be replayed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::HealthPage</name>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan and usage this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations started by your company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection with WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the WhatsApp configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message failed to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why they failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks not processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes Meta sent that Puente could not store. Nothing is lost: once the cause is fixed, replay them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan &lt;b&gt;%1&lt;/b&gt;. The month&apos;s counts start again on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) sent and received this month.</source>
        <translation>
            <numerusform>%n message sent and received this month.</numerusform>
            <numerusform>%n messages sent and received this month.</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaigns reach up to %1 people each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A limit is reached: ask whoever runs your Puente for a bigger plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp is not set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set it up with the access token, phone number ID and business account ID from Meta&apos;s WhatsApp Manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected via the Business API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected via the Business API: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is failing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the WhatsApp configuration, fix what it says and press Test connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection has not been tested yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the WhatsApp configuration and press Test connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration is switched off: nothing is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch it on in the WhatsApp configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Many people blocked or reported your messages. Send fewer templates to people who did not ask for them, or Meta may lower your messaging limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality is dropping: check which templates people block or report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality rating:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messaging limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No webhook from Meta has arrived yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until one arrives, candidates&apos; replies and delivery ticks do not reach Puente. Check that the webhook URL and verify token are set in Meta&apos;s app and that the &apos;messages&apos; field is subscribed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last webhook from Meta: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is a long time: if candidates have written since, check the webhook subscription in Meta&apos;s app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta did not slow down your sends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Meta slowed down your sends %n time(s), the last %1.</source>
        <translation>
            <numerusform>Meta slowed down your sends %n time, the last %1.</numerusform>
            <numerusform>Meta slowed down your sends %n times, the last %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The access token worked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Meta refused the access token %n time(s), the last %1.</source>
        <translation>
            <numerusform>Meta refused the access token %n time, the last %1.</numerusform>
            <numerusform>Meta refused the access token %n times, the last %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (Meta error %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the health report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::ImportChatDialog</name>
    <message>
        <source>Import chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chat&apos;s messages written by this author become your company&apos;s (outbound); the other author is the contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your company in this chat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+34 612 34 56 78</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact&apos;s number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your company&apos;s time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time zone of the phone the chat was exported from: the file&apos;s times are read in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times of the file in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported messages are marked as such, never count as unread and do not reopen the 24-hour window. Importing the same chat again adds nothing twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is not a WhatsApp chat export. In WhatsApp, open the chat, choose More &gt; Export chat, and import the .txt or .zip it makes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a text file. Choose the chat&apos;s .txt, or the .zip WhatsApp made with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s text cannot be read. Export the chat again from WhatsApp and import that file unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a group&apos;s chat. Puente&apos;s conversations are with one contact each: export the one-to-one chat with the candidate instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chat holds no messages, only WhatsApp&apos;s notices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose which author of the chat is your company.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact&apos;s number is not in the file&apos;s name nor in the chat: type it in &quot;Contact&apos;s number&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact&apos;s number is not valid: write it with its country code, such as +34 612 34 56 78.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That time zone is not known: choose one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The zip holds files outside its folder, which WhatsApp never makes: it was not imported. Export the chat again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The zip is far larger unpacked than any chat export: it was not imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The zip is damaged and cannot be read. Export the chat again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than the server accepts (2 GB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only your company&apos;s administrators can import chats.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached; nothing was imported. Try again when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chat could not be imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 export with %n message(s), from %2 to %3.</source>
        <translation>
            <numerusform>%1 export with %n message, from %2 to %3.</numerusform>
            <numerusform>%1 export with %n messages, from %2 to %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>iPhone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Android</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n message(s))</source>
        <translation>
            <numerusform>%1 (%n message)</numerusform>
            <numerusform>%1 (%n messages)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the server to start the import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Importing: %n message(s) read…</source>
        <translation>
            <numerusform>Importing: %n message read…</numerusform>
            <numerusform>Importing: %n messages read…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) imported into the conversation with %1.</source>
        <translation>
            <numerusform>%n message imported into the conversation with %1.</numerusform>
            <numerusform>%n messages imported into the conversation with %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) were already there and were skipped.</source>
        <translation>
            <numerusform>%n message was already there and was skipped.</numerusform>
            <numerusform>%n messages were already there and were skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) from the zip stored.</source>
        <translation>
            <numerusform>%n file from the zip stored.</numerusform>
            <numerusform>%n files from the zip stored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s), audio(s) or document(s) were not included in the export.</source>
        <translation>
            <numerusform>%n photo, audio or document was not included in the export.</numerusform>
            <numerusform>%n photos, audios or documents were not included in the export.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n WhatsApp notice(s) skipped (encryption, blocked contact…).</source>
        <translation>
            <numerusform>%n WhatsApp notice skipped (encryption, blocked contact…).</numerusform>
            <numerusform>%n WhatsApp notices skipped (encryption, blocked contact…).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) of the file were not understood (line %1).</source>
        <translation>
            <numerusform>%n line of the file was not understood (line %1).</numerusform>
            <numerusform>%n lines of the file were not understood (line %1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::MainWindow</name>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended (it expired or was closed elsewhere). Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Puente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Connected to the server (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Connecting to the server (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● No connection to the server (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection to the server. Puente keeps trying; new messages will appear when it is back. Nothing can be sent meanwhile: what you write stays in the text box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you can fix it under WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ask an administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number ID %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp is not set up yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected via Business API · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp is failing (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp set up (%1), not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp status unknown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent a %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New WhatsApp message</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Puente: %n unread message(s)</source>
        <translation>
            <numerusform>Puente: %n unread message</numerusform>
            <numerusform>Puente: %n unread messages</numerusform>
        </translation>
    </message>
    <message>
        <source>The company you are working in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a company…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a company at the top left to see its conversations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Companies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (suspended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your company&apos;s access to Puente has been suspended. The server says: “%1”. Contact whoever runs your Puente; nothing was lost, and you can sign in again once it is resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp status unknown (no connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The WhatsApp access token expires in %n day(s): after that nothing can be sent.</source>
        <translation>
            <numerusform>The WhatsApp access token expires in %n day: after that nothing can be sent.</numerusform>
            <numerusform>The WhatsApp access token expires in %n days: after that nothing can be sent.</numerusform>
        </translation>
    </message>
    <message>
        <source>Paste a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The WhatsApp access token has expired: nothing can be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta no longer accepts the WhatsApp access token: nothing can be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente could not renew the WhatsApp access token; it tries again tomorrow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the configuration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::MessageDelegate</name>
    <message>
        <source>Waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Played</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact card: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported message (%1): WhatsApp does not let Puente show it; ask the contact to send it another way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact opened the chat for the first time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending was interrupted: it is not known whether it arrived. Right-click to send it again or dismiss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not delivered: %1. Right-click to send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image not downloaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not downloaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File not included in the export: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media not included in the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::NewUserDialog</name>
    <message>
        <source>Too weak: use at least 10 characters with at least 5 different ones, and not a common password (or press Generate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation type="unfinished">name@company.com</translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent: answers conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator: also manages users, keys and WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least 10 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the password to the new user yourself; they sign in with their email and this password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone in your company already uses this email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a name of up to 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your company&apos;s plan has no room for more active users. Deactivate someone who no longer needs access, or ask your platform operator for a bigger plan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::NotificationRuleDialog</name>
    <message>
        <source>Edit notification rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New notification rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When your CRM reports this event, Puente sends the candidate this WhatsApp template, filled in with the event&apos;s data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event name your CRM sends, such as interview_scheduled: lower-case letters, digits, “_” or “.”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where each placeholder takes its value from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This template has no placeholders: every candidate receives the same text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Event data” takes a value from the data your CRM sends, by its path: candidate.first_name, interview.at. Dates and times are written in your company&apos;s language and time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the end of quiet hours (no messages at night)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled: send notifications for this event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample event data (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample event data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview: what the candidate reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no approved template yet. Create one in WhatsApp Manager, then sync the templates on the Templates page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This template is not approved at Meta any more: pick another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An https link to the file, or a media id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header {{%1}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body {{%1}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Button “%1”: end of its link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Button “%1”: reply payload (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What your CRM receives when the candidate taps it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date from the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time from the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time from the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same text for every candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sample data is not valid JSON (%1, at character %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sample data must be a JSON object: { … }.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say where “%1” takes its value from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview: the server does not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or type the event your CRM sends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::NotificationTestDialog</name>
    <message>
        <source>Send a test notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente sends this rule&apos;s template now, as if your CRM had reported the event with this data. Use a number of yours: the message really goes out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event data (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event data is not valid JSON (%1, at character %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event data must be a JSON object: { … }.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the number to send the test to, with its country code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification %1 accepted. It waits for the end of quiet hours; goes out: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification %1: %2. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification %1: %2. Follow it on the History tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a phone number: write it with its country code, such as +34 612 345 678.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event data has no value at “%1”, which the rule puts in the message. Add it, or check the rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No enabled rule sends “%1” any more: enable it on the Rules tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer: look at the History tab before sending it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::NotificationText</name>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interview scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interview reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interview cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template %1 (%2) no longer exists at Meta. Pick another template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template %1 (%2) is not approved at Meta (%3). Only approved templates can be sent: pick another one or wait for Meta&apos;s review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The template&apos;s header now takes %n value(s) and the rule gives %1. Edit the rule.</source>
        <translation>
            <numerusform>The template&apos;s header now takes %n value and the rule gives %1. Edit the rule.</numerusform>
            <numerusform>The template&apos;s header now takes %n values and the rule gives %1. Edit the rule.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The template&apos;s text now takes %n value(s) and the rule gives %1. Edit the rule.</source>
        <translation>
            <numerusform>The template&apos;s text now takes %n value and the rule gives %1. Edit the rule.</numerusform>
            <numerusform>The template&apos;s text now takes %n values and the rule gives %1. Edit the rule.</numerusform>
        </translation>
    </message>
    <message>
        <source>The template&apos;s button %1 needs the end of its link. Edit the rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template has no button %1 that takes a value any more. Edit the rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule gives no value for the header&apos;s %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule gives no value for the text&apos;s %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule gives more values than the template has placeholders. Edit the rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template&apos;s header needs a file: give an https link or a media id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sample data has no value at “%1”. Check the path, or add it to the sample.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a date and time. Your CRM should send it as 2026-12-10T10:00:00+01:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no template %1 in %2: sync the templates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp refused the message (Meta&apos;s error %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp refused the message (Meta&apos;s error %1: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The candidate asked not to receive more notifications (they replied with an opt-out word).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The candidate is blocked in Conversations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule could not be sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule for this event was disabled or deleted before it was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your plan&apos;s message limit was reached. An administrator of Puente can raise it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event&apos;s data lacked a value the template needs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The send was interrupted; an agent decides in Conversations whether to retry it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another enabled rule already sends this event. Disable that rule first, or save this one disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule cannot be sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An event name is 3 to 64 lower-case letters, digits, “_” or “.”, starting with a letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an approved template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::NotificationsPage</name>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your CRM reports events (an interview scheduled, an offer sent) and Puente sends the candidate a WhatsApp template for each. Rules say which template and what goes in it; the history shows what was sent and why not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add rule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rules yet. Add one to send a template when your CRM reports an event, such as an interview scheduled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a notification to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event&apos;s data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel this notification…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente tells your CRM what happened to each notification (sent, delivered, read, failed) and the candidate&apos;s answers by calling this address. Each call is signed with a secret so the CRM can check it comes from Puente.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New secret…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last calls to your CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calls yet. They appear here once notifications are sent, or after a test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the notification rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Cannot be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n rule(s) cannot be sent until you edit them:</source>
        <translation>
            <numerusform>⚠ %n rule cannot be sent until you edit it:</numerusform>
            <numerusform>⚠ %n rules cannot be sent until you edit them:</numerusform>
        </translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule for “%1” added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule for “%1” saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule for “%1” enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule for “%1” disabled: its events are no longer sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the rule for “%1”? Your CRM&apos;s %1 events will be refused until you add another rule; notifications already scheduled are not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule for “%1” deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notification matches these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notifications yet. They appear here as soon as your CRM reports an event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a phone number: write it with its country code, such as +34 600 111 222.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the history: the server does not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replied “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM reference: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goes out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The candidate replied: “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel this notification to %1? It will not be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It has already left: only scheduled notifications can be cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the callback settings: the server does not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the callback settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set. It was shown once, when it was created; make a new one if it is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet: one is made when you save an address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your callback&apos;s signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente signs each call to your CRM with this secret (the X-Puente-Signature header). Paste it into your CRM&apos;s settings now: it will not be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback address removed: your CRM is no longer told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback address saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address must start with https:// (http only for a CRM on this same machine).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address points into a private network Puente may not call. Use your CRM&apos;s public https address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a valid address. Write it in full, such as https://crm.example.com/puente.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new secret? The current one stops working at once: your CRM will refuse Puente&apos;s calls until you paste the new one into it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New signing secret made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling your CRM…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It works: your CRM answered %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your CRM answered %1 instead of a 2xx: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach your CRM: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a callback address first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status of a notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate&apos;s reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test notification…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How Puente reads your candidates&apos; numbers, writes and times every notification, and how a candidate stops them. They apply to every rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers and dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mexico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colombia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Argentina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peru</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venezuela</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ecuador</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guatemala</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuba</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bolivia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dominican Republic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Honduras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paraguay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El Salvador</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nicaragua</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Costa Rica</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uruguay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puerto Rico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equatorial Guinea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>United States</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portugal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>France</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Germany</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Italy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For numbers your CRM sends without +country code: 612&#xa0;345&#xa0;678 is read as a number of this country.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates and times in notifications, and quiet hours, are in this time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How notifications write dates: “10 de diciembre” or “December 10”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold notifications during quiet hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A notification due inside them waits for their end. A rule can ignore them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opting out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opt-out keywords, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opt-out keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A candidate who replies with one of them gets no more notifications. Case and accents do not matter, but it must be the whole reply: “BAJA” matches “baja”, “quiero la baja” does not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puente answers an opt-out with this message, so the candidate knows it was heard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a rule to try it on a number of yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule is disabled: enable it to try it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This rule cannot be sent until you edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends this rule&apos;s template to a number of yours, now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the notification settings: the server does not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the notification settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a country Puente knows. Choose one from the list, or type its two-letter code (ES, MX, CO…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a country from the list, or type its two-letter code (ES, MX, CO…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a time zone. Choose one from the list, such as Europe/Madrid or America/Mexico_City.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Español or English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the time as HH:MM, such as 21:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most 20 keywords.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each keyword is a word or two, at most 40 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply is too long: at most 1,024 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the reply: it cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::PageState</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load %1: the server does not answer. Check that it is running and that you are connected, then retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests to the server. Wait a moment and retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You do not have permission to see %1: only your company&apos;s administrators have access.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a new password for %1 (%2). They are signed out everywhere and sign in again with the new password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::SecretDialog</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy it now: it will not be shown again. If it is lost, make a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::SetupDialog</name>
    <message>
        <source>Welcome to Puente</source>
        <translation>Welcome to Puente</translation>
    </message>
    <message>
        <source>Nobody uses this computer&apos;s Puente yet. How do you want to start?</source>
        <translation>Nobody uses this computer&apos;s Puente yet. How do you want to start?</translation>
    </message>
    <message>
        <source>Set up my company</source>
        <translation>Set up my company</translation>
    </message>
    <message>
        <source>Create your company&apos;s account. You will be its administrator and can add your team afterwards.</source>
        <translation>Create your company&apos;s account. You will be its administrator and can add your team afterwards.</translation>
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
        <source>Type your company&apos;s name.</source>
        <translation>Type your company&apos;s name.</translation>
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
        <source>This email has accounts in several companies: type the company&apos;s short name (ask your administrator if you do not know it).</source>
        <translation>This email has accounts in several companies: type the company&apos;s short name (ask your administrator if you do not know it).</translation>
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
        <source>Type the server&apos;s address, for example https://puente.example.com.</source>
        <translation>Type the server&apos;s address, for example https://puente.example.com.</translation>
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
        <source>Type the company&apos;s short name.</source>
        <translation>Type the company&apos;s short name.</translation>
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
        <source>Signed in. Saving the session in this computer&apos;s keychain…</source>
        <translation>Signed in. Saving the session in this computer&apos;s keychain…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>You are signed in, but this session will not be remembered: this computer&apos;s keychain is not available (%1). You will have to sign in again next time.</source>
        <translation>You are signed in, but this session will not be remembered: this computer&apos;s keychain is not available (%1). You will have to sign in again next time.</translation>
    </message>
    <message>
        <source>Wrong email or password. Check both and try again.</source>
        <translation>Wrong email or password. Check both and try again.</translation>
    </message>
    <message>
        <source>Your company&apos;s access to Puente is suspended. The server says: “%1”. Contact whoever runs your Puente server.</source>
        <translation>Your company&apos;s access to Puente is suspended. The server says: “%1”. Contact whoever runs your Puente server.</translation>
    </message>
    <message>
        <source>This account may not sign in here. The server says: “%1”.</source>
        <translation>This account may not sign in here. The server says: “%1”.</translation>
    </message>
    <message>
        <source>Type the company&apos;s short name and sign in again.</source>
        <translation>Type the company&apos;s short name and sign in again.</translation>
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
<context>
    <name>puente::ui::TemplatePickerDialog</name>
    <message>
        <source>Send a template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp only lets you write first to %1 with a template Meta has approved. Once they answer, you can write freely for 24 hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading templates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in every field: WhatsApp refuses a template with an empty parameter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the templates: no connection to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the templates: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no approved template. An administrator can create one in WhatsApp Manager and sync the templates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value for {{%1}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header {{%1}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text {{%1}}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::TemplatesPage</name>
    <message>
        <source>Message templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp only lets you write first, or after 24 hours of silence, with a template Meta has approved. Templates are created in Meta&apos;s WhatsApp Manager; sync to bring them here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked: the placeholders ({{1}}, {{name}}) filled in for each contact when the template is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by Meta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled by Meta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In appeal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abusive content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>looks like a scam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content does not match the category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>promotional content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not rated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Utility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No templates yet. Press “Sync now” to read them from Meta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a template to see it as the contact will.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents can send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta is reviewing it; it can be sent once approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta rejected it. Fix it in WhatsApp Manager and submit it again, then sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It cannot be sent now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Synced: Meta has %n template(s) for your number.</source>
        <translation>
            <numerusform>Synced: Meta has %n template for your number.</numerusform>
            <numerusform>Synced: Meta has %n templates for your number.</numerusform>
        </translation>
    </message>
    <message>
        <source>WhatsApp is not set up for your company yet. Set it up on the WhatsApp page (access token, phone number ID and business account ID), then sync again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta refused the access token: %1. Replace the token in the WhatsApp configuration, then sync again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta could not be reached: %1. Nothing changed; try again in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta is limiting requests: %1. Wait a few minutes, then sync again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta refused the sync: %1. Nothing changed; check the WhatsApp configuration, then sync again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::TenantDialog</name>
    <message>
        <source>up to %1 users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlimited users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 conversations started per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlimited conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>campaigns of up to %1 people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>campaigns of any size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As its people call it, e.g. Reclutamiento Andino</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lower-case letters, digits and hyphens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names the company in addresses and when signing in; cannot be changed later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation type="unfinished">name@company.com</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass the password on privately; they can change it after signing in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another company already uses this short name. Choose a different one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The short name may only have lower-case letters, digits and hyphens (2–63), and not only digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is too weak: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That email address does not look right.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::TenantsPage</name>
    <message>
        <source>Companies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New company…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks that belong to no company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta sent these for a number or business account no company has connected. Connect it to the right company (WhatsApp configuration), then replay them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not tested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is ready. Its administrator can sign in now and connect WhatsApp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspend %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its users are signed out and shown the reason below. Webhooks from Meta are still stored; messages already queued wait, and new ones are refused, until you resume it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason, e.g. unpaid invoice of October</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the companies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::UsageBar</name>
    <message>
        <source>%1 (no limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::UsersPage</name>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The people of your company who use Puente. Agents answer conversations; administrators also manage users, API keys, templates and WhatsApp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No users yet. Use “New user…” to add your colleagues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot deactivate yourself. Another administrator can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can now sign in with %2 and the password you gave them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %1 an agent? They will answer conversations but no longer manage users, API keys, templates or WhatsApp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %1 an administrator? They will also manage users, API keys, templates and WhatsApp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You will lose access to this page yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now an agent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate %1? They are signed out at once and cannot sign in until reactivated. Their messages stay in the conversations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is deactivated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivate user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivate %1? They can sign in again with their password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a new password and was signed out everywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is your company&apos;s last active administrator: someone must stay one. Make another user an administrator first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give this password to %1. They sign in with %2 and this password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reactivated: your company&apos;s plan has no room for more active users. Deactivate someone who no longer needs access, or ask your platform operator for a bigger plan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::WhatsAppConfigDialog</name>
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
    <message>
        <source>Save values Meta refused?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When you tested these values, Meta refused them: %1

If you save them, messages will fail until they are corrected. Save anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: your own Meta app&apos;s ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With your own app&apos;s ID and secret, Puente renews a user access token before it expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended: a System User token, which never expires (Business settings → Users → System users → Generate new token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app ID is digits only: Meta&apos;s App settings → Basic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meta says this access token is not valid. Copy it again from Meta, or make a System User token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This access token has expired. Make a new one: a System User token never expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This access token lacks the permission %1. Make it again with whatsapp_business_messaging and whatsapp_business_management.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token is not granted for this WhatsApp Business account. In Meta Business Suite, assign the account to the token&apos;s system user, or check the ID.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>puente::ui::WhatsAppPage</name>
    <message>
        <source>WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configure WhatsApp…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the configuration: no connection to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the configuration: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;WhatsApp is not set up yet. You need, from Meta&apos;s WhatsApp Manager: an access token, the phone number ID and the WhatsApp Business account ID. Then paste this webhook URL into Meta&apos;s app settings:&lt;/p&gt;&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up WhatsApp…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected via Business API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked yet: use Test connection in the configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messaging limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business account ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
