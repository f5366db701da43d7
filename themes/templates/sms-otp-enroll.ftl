<#-- Enrollment: the user types a mobile number; a code is sent to it next. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phone'); section>
    <#if section = "header">
        ${msg("smsOtpEnrollTitle")}
    <#elseif section = "form">
        <p id="sms-otp-enroll-intro">${msg("smsOtpEnrollIntro")}</p>
        <form id="kc-sms-otp-enroll-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="region" class="${properties.kcLabelClass!}">${msg("smsOtpCountryLabel")}</label>
                <select id="region" name="region" class="${properties.kcInputClass!}" autocomplete="country">
                    <option value="" data-example=""<#if smsOtpEnroll.selected == ""> selected</#if>>${msg("smsOtpCountryInternational")}</option>
                    <#list smsOtpEnroll.regions as region>
                        <option value="${region.code}" data-example="${region.example}"<#if region.code == smsOtpEnroll.selected> selected</#if>>${region.label}</option>
                    </#list>
                </select>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <label for="phone" class="${properties.kcLabelClass!}">${msg("smsOtpPhoneLabel")}</label>
                <input id="phone" name="phone" type="tel" class="${properties.kcInputClass!}" autocomplete="tel"
                       value="${smsOtpEnroll.phone}" maxlength="64" autofocus placeholder="${smsOtpEnroll.example}"
                       aria-invalid="<#if messagesPerField.existsError('phone')>true<#else>false</#if>"<#if messagesPerField.existsError('phone')> aria-describedby="input-error-phone"</#if>/>
                <#if messagesPerField.existsError('phone')>
                    <span id="input-error-phone" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                        ${kcSanitize(messagesPerField.get('phone'))?no_esc}
                    </span>
                </#if>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <input type="submit" id="kc-sms-otp-enroll-submit" value="${msg("smsOtpEnrollSubmit")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
            </div>
        </form>
        <script>
            <#outputformat "JavaScript">
            (function () {
                // The placeholder follows the country picked; without scripts it shows the preselected one's.
                var region = document.getElementById("region");
                var phone = document.getElementById("phone");
                region.addEventListener("change", function () {
                    phone.placeholder = region.options[region.selectedIndex].getAttribute("data-example");
                });
            })();
            </#outputformat>
        </script>
    </#if>
</@layout.registrationLayout>
