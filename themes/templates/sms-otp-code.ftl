<#-- The SMS code page. Plain markup with the theme's CSS classes, so it fits every login theme. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
    <#if section = "header">
        <#if smsOtp.enrollment>${msg("smsOtpConfirmTitle")}<#elseif smsOtp.channel == "whatsapp">${msg("smsOtpTitleWhatsApp")}<#else>${msg("smsOtpTitle")}</#if>
    <#elseif section = "form">
        <#-- Where the code went. A WhatsApp page also holds the SMS wording, which the script below puts in place
             should WhatsApp not take the code and the SMS that follows it does. -->
        <#if smsOtp.maskedPhone??>
            <p id="sms-otp-destination"<#if smsOtp.channel == "whatsapp"> data-by-sms="${msg("smsOtpSentTo", smsOtp.maskedPhone)}"</#if>>
                <#if smsOtp.channel == "whatsapp">${msg("smsOtpSentToWhatsApp", smsOtp.maskedPhone)}<#else>${msg("smsOtpSentTo", smsOtp.maskedPhone)}</#if>
            </p>
        <#else>
            <p id="sms-otp-destination"<#if smsOtp.channel == "whatsapp"> data-by-sms="${msg("smsOtpResetSentTo")}"</#if>>
                <#if smsOtp.channel == "whatsapp">${msg("smsOtpResetSentToWhatsApp")}<#else>${msg("smsOtpResetSentTo")}</#if>
            </p>
        </#if>
        <#if smsOtp.fellBackToSms || smsOtp.channel == "whatsapp">
            <div id="sms-otp-fell-back" role="status"<#if !smsOtp.fellBackToSms> hidden</#if>>
                <div class="${properties.kcAlertClass!} pf-m-info">
                    <span class="${properties.kcAlertTitleClass!}">${msg("smsOtpWhatsAppFellBack")}</span>
                </div>
            </div>
        </#if>
        <#-- The code goes to the gateway after this page was sent. Should that send fail, the script below shows
             this without a reload; the step's next page says it as its message. -->
        <#if smsOtp.sendStatusUrl??>
            <div id="sms-otp-send-failed" role="alert" data-status-url="${smsOtp.sendStatusUrl}" hidden>
                <div class="${properties.kcAlertClass!} pf-m-danger">
                    <span class="${properties.kcAlertTitleClass!}">${msg(smsOtp.sendFailureMessage)}</span>
                </div>
            </div>
        </#if>
        <#-- Shown once the provider reports that the SMS did not arrive: on the next page the user asks for,
             or by the script below without a reload. It sits beside a wrong-code error, which hides the page's
             general message. -->
        <#if smsOtp.notDelivered || (smsOtp.sendStatusUrl?? && (smsOtp.receiptAwaited || smsOtp.whatsAppReceiptAwaited))>
            <#-- The wrapper carries "hidden": a theme's alert class sets its own display, which would override it. -->
            <div id="sms-otp-not-delivered" role="alert"<#if !smsOtp.notDelivered> hidden</#if>>
                <div class="${properties.kcAlertClass!} pf-m-danger">
                    <span class="${properties.kcAlertTitleClass!}"><#if smsOtp.channel == "whatsapp">${msg("smsOtpWhatsAppNotDelivered")}<#else>${msg("smsOtpNotDelivered")}</#if></span>
                </div>
            </div>
        </#if>
        <#if smsOtp.codeActive>
            <form id="kc-sms-otp-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <label for="code" id="sms-otp-code-label" class="${properties.kcLabelClass!}"><#if smsOtp.channel == "whatsapp">${msg("smsOtpCodeLabelWhatsApp")}<#else>${msg("smsOtpCodeLabel")}</#if></label>
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
                            if (button.hasAttribute("data-send-failed")) {
                                // The send failed (see below): "Try again" works at once.
                                clearInterval(timer);
                                return;
                            }
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
        <#if smsOtp.sendStatusUrl??>
            <script>
                <#outputformat "JavaScript">
                (function () {
                    // Asks every 2 seconds, for at most 5 minutes, what became of the code's send: first whether
                    // the gateway took it, then, where a receipt may come, whether it arrived. Stops at the first
                    // answer that is final for this page, or when the login is gone.
                    var url = document.getElementById("sms-otp-send-failed").getAttribute("data-status-url");
                    var receiptAwaited = {sms: ${smsOtp.receiptAwaited?c}, whatsapp: ${smsOtp.whatsAppReceiptAwaited?c}};
                    var channel = ${smsOtp.channel?c};
                    var bySms = {title: ${msg("smsOtpTitle")?c}, label: ${msg("smsOtpCodeLabel")?c}};
                    var tryAgain = ${msg("smsOtpTryAgain")?c};
                    var asked = 0;
                    function show(id) {
                        var element = document.getElementById(id);
                        if (element) {
                            element.hidden = false;
                        }
                        return element;
                    }
                    function wentBySms() {
                        // WhatsApp could not take the code: the SMS that followed it did.
                        var destination = document.getElementById("sms-otp-destination");
                        if (destination && destination.hasAttribute("data-by-sms")) {
                            destination.textContent = destination.getAttribute("data-by-sms");
                        }
                        show("sms-otp-fell-back");
                        var title = document.getElementById("kc-page-title");
                        if (title && !${smsOtp.enrollment?c}) {
                            title.textContent = bySms.title;
                        }
                        var label = document.getElementById("sms-otp-code-label");
                        if (label) {
                            label.textContent = bySms.label;
                        }
                        var next = document.getElementById("kc-sms-otp-next-channel-form");
                        if (next) {
                            next.style.display = "none";
                        }
                    }
                    function sendFailed() {
                        show("sms-otp-send-failed");
                        var form = document.getElementById("kc-sms-otp-form");
                        if (form) {
                            // Not "hidden": a theme's form class sets its own display, which would override it.
                            form.style.display = "none";
                        }
                        var button = document.getElementById("kc-sms-otp-resend");
                        if (button) {
                            button.setAttribute("data-send-failed", "");
                            button.textContent = tryAgain;
                            button.focus();
                        }
                    }
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
                            if (channel === "whatsapp" && answer.channel === "sms" && answer.status !== "send_failed") {
                                wentBySms();
                            }
                            // Asks on while the channel that took the code reports its receipts.
                            if (answer.status === "sent" && receiptAwaited[answer.channel]) {
                                return;
                            }
                            clearInterval(timer);
                            if (answer.status === "send_failed") {
                                sendFailed();
                            } else if (answer.status === "failed" || answer.status === "expired") {
                                show("sms-otp-not-delivered");
                                var next = document.getElementById("kc-sms-otp-next-channel");
                                if (answer.channel === "whatsapp" && next) {
                                    // Not on WhatsApp, say: the code goes by SMS now, as if the user asked.
                                    next.click();
                                } else {
                                    show("sms-otp-call");
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
        <#if smsOtp.nextChannel??>
            <form id="kc-sms-otp-next-channel-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <button type="submit" id="kc-sms-otp-next-channel" name="next-channel" value="${smsOtp.nextChannel}"
                            class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                        <#if smsOtp.nextChannel == "whatsapp">${msg("smsOtpSendByWhatsAppInstead")}<#else>${msg("smsOtpSendBySmsInstead")}</#if>
                    </button>
                </div>
            </form>
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
