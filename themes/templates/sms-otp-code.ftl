<#-- The SMS code page. Plain markup with the theme's CSS classes, so it fits every login theme. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
    <#if section = "header">
        <#if smsOtp.enrollment>${msg("smsOtpConfirmTitle")}<#else>${msg("smsOtpTitle")}</#if>
    <#elseif section = "form">
        <#if smsOtp.maskedPhone??>
            <p id="sms-otp-destination">${msg("smsOtpSentTo", smsOtp.maskedPhone)}</p>
        <#else>
            <p id="sms-otp-destination">${msg("smsOtpResetSentTo")}</p>
        </#if>
        <#-- Shown once the provider reports that the SMS did not arrive: on the next page the user asks for,
             or by the script below without a reload. It sits beside a wrong-code error, which hides the page's
             general message. -->
        <#if smsOtp.notDelivered || smsOtp.deliveryStatusUrl??>
            <#-- The wrapper carries "hidden": a theme's alert class sets its own display, which would override it. -->
            <div id="sms-otp-not-delivered" role="alert"<#if !smsOtp.notDelivered> hidden</#if>>
                <div class="${properties.kcAlertClass!} pf-m-danger">
                    <span class="${properties.kcAlertTitleClass!}">${msg("smsOtpNotDelivered")}</span>
                </div>
            </div>
        </#if>
        <#if smsOtp.codeActive>
            <form id="kc-sms-otp-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <label for="code" class="${properties.kcLabelClass!}">${msg("smsOtpCodeLabel")}</label>
                    <input id="code" name="code" type="text" class="${properties.kcInputClass!}"
                           autocomplete="one-time-code" inputmode="numeric" pattern="[0-9 ]*"
                           maxlength="${smsOtp.codeLength + 4}" autofocus
                           aria-invalid="<#if messagesPerField.existsError('code')>true<#else>false</#if>"<#if messagesPerField.existsError('code')> aria-describedby="input-error-code"</#if>/>
                    <#if messagesPerField.existsError('code')>
                        <span id="input-error-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                            ${kcSanitize(messagesPerField.get('code'))?no_esc}
                        </span>
                    </#if>
                </div>
                <#if smsOtp.trustDays gt 0>
                    <div class="${properties.kcFormGroupClass!}">
                        <label for="trust" class="${properties.kcLabelClass!}">
                            <input id="trust" name="trust" type="checkbox" value="on"/>
                            ${msg("smsOtpTrustBrowser", smsOtp.trustDays?c)}
                        </label>
                    </div>
                </#if>
                <div class="${properties.kcFormGroupClass!}">
                    <input type="submit" id="kc-sms-otp-submit" name="verify" value="${msg("smsOtpSubmit")}"
                           class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
                </div>
            </form>
        </#if>
        <#if smsOtp.resendAllowed>
            <form id="kc-sms-otp-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <button type="submit" id="kc-sms-otp-resend" name="resend" value="true"
                            data-wait="${smsOtp.resendWaitSeconds?c}"
                            class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                        <#if smsOtp.sendFailed>
                            ${msg("smsOtpTryAgain")}
                        <#elseif smsOtp.resendWaitSeconds gt 0>
                            ${msg("smsOtpResendIn", smsOtp.resendWaitSeconds?c)}
                        <#else>
                            ${msg("smsOtpResend")}
                        </#if>
                    </button>
                </div>
            </form>
            <#if smsOtp.resendWaitSeconds gt 0>
                <#-- Screen readers hear the end of the wait once, politely; not every second of the countdown. -->
                <p id="sms-otp-resend-status" aria-live="polite"
                   style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;"></p>
                <script>
                    <#outputformat "JavaScript">
                    (function () {
                        // Counts the wait down on the button; the server enforces it either way.
                        var button = document.getElementById("kc-sms-otp-resend");
                        var left = parseInt(button.getAttribute("data-wait"), 10);
                        var waiting = ${msg("smsOtpResendIn", "{0}")?c};
                        var ready = ${msg("smsOtpResend")?c};
                        var readyNow = ${msg("smsOtpResendReady")?c};
                        var status = document.getElementById("sms-otp-resend-status");
                        var timer = setInterval(function () {
                            left -= 1;
                            button.textContent = left > 0 ? waiting.replace("{0}", left) : ready;
                            if (left <= 0) {
                                clearInterval(timer);
                                status.textContent = readyNow;
                            }
                        }, 1000);
                    })();
                    </#outputformat>
                </script>
            </#if>
        </#if>
        <#if smsOtp.deliveryStatusUrl??>
            <script>
                <#outputformat "JavaScript">
                (function () {
                    // Asks every 2 seconds, for at most 5 minutes, whether the SMS arrived; stops at the first answer
                    // that is final, or when the login is gone.
                    var url = ${smsOtp.deliveryStatusUrl?c};
                    var alert = document.getElementById("sms-otp-not-delivered");
                    var asked = 0;
                    var timer = setInterval(function () {
                        asked += 1;
                        if (asked > 150) {
                            clearInterval(timer);
                            return;
                        }
                        fetch(url, {credentials: "same-origin", cache: "no-store"}).then(function (response) {
                            if (response.status === 404) {
                                clearInterval(timer);
                            }
                            return response.ok ? response.json() : null;
                        }).then(function (answer) {
                            if (!answer || answer.status === "pending") {
                                return;
                            }
                            clearInterval(timer);
                            if (answer.status === "failed" || answer.status === "expired") {
                                alert.hidden = false;
                                var call = document.getElementById("sms-otp-call");
                                if (call) {
                                    call.hidden = false;
                                }
                            }
                        }).catch(function () {
                            // A network hiccup: the next tick asks again.
                        });
                    }, 2000);
                })();
                </#outputformat>
            </script>
        </#if>
        <#if smsOtp.callPossible>
            <#-- Shown where the SMS may not reach the phone; the script below reveals it when a receipt says so. -->
            <div id="sms-otp-call"<#if !smsOtp.callOffered> hidden</#if>>
                <form id="kc-sms-otp-call-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                    <div class="${properties.kcFormGroupClass!}">
                        <button type="submit" id="kc-sms-otp-call" name="call" value="true"
                                class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                            ${msg("smsOtpCallMe")}
                        </button>
                    </div>
                </form>
            </div>
        </#if>
        <#if smsOtp.numberChangeable>
            <form id="kc-sms-otp-change-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <button type="submit" id="kc-sms-otp-change" name="change" value="true"
                            class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("smsOtpChangeNumber")}
                    </button>
                </div>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
