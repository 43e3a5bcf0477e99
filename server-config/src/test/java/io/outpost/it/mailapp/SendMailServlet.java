package io.outpost.it.mailapp;

import jakarta.annotation.Resource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /send?to=…&subject=…[&from=…]} sends a short text message through the server's {@code mail/outpost}
 * session, the way any application would: answers 200 once {@link Transport#send} returned, 502 with the cause if not.
 */
@WebServlet("/send")
public class SendMailServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "mail/outpost")
    private Session session;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        try {
            MimeMessage message = new MimeMessage(session);
            String from = request.getParameter("from");
            if (from != null) {
                message.setFrom(from);
            } else {
                message.setFrom(); // the session's mail.from: the mailSession's from attribute
            }
            message.setRecipients(Message.RecipientType.TO, request.getParameter("to"));
            message.setSubject(request.getParameter("subject"));
            message.setText("Sent by an application through the mail/outpost JNDI mail session.", "UTF-8");
            Transport.send(message);
            response.getWriter().println("sent");
        } catch (MessagingException e) {
            response.setStatus(HttpServletResponse.SC_BAD_GATEWAY);
            for (Throwable t = e; t != null; t = t.getCause()) {
                response.getWriter().println(t);
            }
        }
    }
}
