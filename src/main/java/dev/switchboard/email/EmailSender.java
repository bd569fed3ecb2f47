package dev.switchboard.email;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Date;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends one email over SMTP with the Message-ID it was given (the same on every try, so a second copy
 * after a crash is recognisably the same email) and its threading headers, and says what the server's
 * answer means: accepted, try again later (a 4xx reply, no connection), or never (a 5xx reply).
 */
final class EmailSender {

    private final JavaMailSenderImpl mail;
    private final InternetAddress from;

    EmailSender(JavaMailSenderImpl mail, String from) {
        this.mail = mail;
        try {
            this.from = new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("switchboard.email.from is not an email address: " + from, e);
        }
    }

    Outcome send(EmailRepository.ClaimedEmail email, String text, String html) {
        try {
            MimeMessage message = new MimeMessage(mail.getSession()) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", email.messageId());
                }
            };
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(new InternetAddress(email.recipient(), true));
            helper.setSubject(email.subject());
            helper.setSentDate(new Date());
            helper.setText(text, html);
            if (email.inReplyTo() != null) {
                message.setHeader("In-Reply-To", email.inReplyTo());
                message.setHeader("References", email.references());
            }
            mail.send(message);
            return new Outcome.Accepted();
        } catch (MessagingException e) {
            return new Outcome.Never("the email could not be built: " + e.getMessage());
        } catch (MailAuthenticationException e) {
            return new Outcome.Later("the SMTP server refused the login: " + e.getMessage());
        } catch (MailException e) {
            return classify(e);
        }
    }

    private static Outcome classify(MailException e) {
        Throwable cause = e;
        if (e instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
            cause = send.getFailedMessages().values().iterator().next();
        }
        for (Throwable t = cause; t != null; t = next(t)) {
            int code = switch (t) {
                case SMTPSendFailedException f -> f.getReturnCode();
                case SMTPAddressFailedException f -> f.getReturnCode();
                case SMTPSenderFailedException f -> f.getReturnCode();
                default -> 0;
            };
            if (code >= 500) {
                return new Outcome.Never("SMTP " + code + ": " + t.getMessage().strip());
            }
            if (code >= 400) {
                return new Outcome.Later("SMTP " + code + ": " + t.getMessage().strip());
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof UnknownHostException) {
                return new Outcome.Later("no connection to the SMTP server: " + t);
            }
        }
        return new Outcome.Later(cause.toString());
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    /** What the SMTP server's answer means for the email. */
    sealed interface Outcome {
        record Accepted() implements Outcome {
        }

        record Later(String reason) implements Outcome {
        }

        record Never(String reason) implements Outcome {
        }
    }
}
