<#ftl output_format="plainText">
${msg("smsOtpNumberChangedBody", maskedPhone, realmName)}
