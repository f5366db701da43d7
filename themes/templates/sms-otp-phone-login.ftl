<#-- Sign-in by phone number: the user types the number; a code page follows for every number that parses. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phone'); section>
    <#if section = "header">
        ${msg("smsOtpPhoneLoginTitle")}
    <#elseif section = "form">
        <p id="sms-otp-phone-login-intro">${msg("smsOtpPhoneLoginIntro")}</p>
        <form id="kc-sms-otp-phone-login-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="phone" class="${properties.kcLabelClass!}">${msg("smsOtpPhoneLabel")}</label>
                <input id="phone" name="phone" type="tel" class="${properties.kcInputClass!}" autocomplete="tel"
                       value="${smsOtpPhoneLogin.phone}" maxlength="64" autofocus
                       aria-invalid="<#if messagesPerField.existsError('phone')>true<#else>false</#if>"<#if messagesPerField.existsError('phone')> aria-describedby="input-error-phone"</#if>/>
                <#if messagesPerField.existsError('phone')>
                    <span id="input-error-phone" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                        ${kcSanitize(messagesPerField.get('phone'))?no_esc}
                    </span>
                </#if>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <input type="submit" id="kc-sms-otp-phone-login-submit" value="${msg("smsOtpEnrollSubmit")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
