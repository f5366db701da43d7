<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("smsOtpNumberChangedBodyHtml", maskedPhone, realmName))?no_esc}
</@layout.emailLayout>
