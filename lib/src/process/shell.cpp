// SPDX-License-Identifier: MIT
#include <aproc/errors.h>
#include <aproc/shell.h>

#include <QtCore/QCoreApplication>

namespace aproc {

namespace {

bool isSafe(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
           || QStringView(u"_@%+=:,./-").contains(c);
}

bool isShellSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

/*! The tokenizer state of shlex in POSIX mode. */
class Splitter
{
public:
    explicit Splitter(const QString &command) : m_command(command) { }

    QStringList split()
    {
        for (m_pos = 0; m_pos < m_command.size(); ++m_pos) {
            const QChar c = m_command.at(m_pos);
            if (isShellSpace(c))
                endWord();
            else if (c == u'\'')
                readSingleQuoted();
            else if (c == u'"')
                readDoubleQuoted();
            else if (c == u'\\')
                m_word += escapedCharacter();
            else
                m_word += c;
            if (!isShellSpace(c))
                m_inWord = true;
        }
        endWord();
        return m_words;
    }

private:
    void endWord()
    {
        if (m_inWord)
            m_words.append(std::exchange(m_word, QString()));
        m_inWord = false;
    }

    QChar escapedCharacter()
    {
        if (++m_pos >= m_command.size())
            throw ValueError(QCoreApplication::translate("aproc", "No escaped character"));
        return m_command.at(m_pos);
    }

    void readSingleQuoted()
    {
        const qsizetype end = m_command.indexOf(u'\'', m_pos + 1);
        if (end < 0)
            throw ValueError(QCoreApplication::translate("aproc", "No closing quotation"));
        m_word += QStringView(m_command).sliced(m_pos + 1, end - m_pos - 1);
        m_pos = end;
    }

    void readDoubleQuoted()
    {
        for (++m_pos; m_pos < m_command.size(); ++m_pos) {
            const QChar c = m_command.at(m_pos);
            if (c == u'"')
                return;
            if (c == u'\\' && m_pos + 1 < m_command.size()
                && (m_command.at(m_pos + 1) == u'"' || m_command.at(m_pos + 1) == u'\\')) {
                m_word += m_command.at(++m_pos);
                continue;
            }
            m_word += c;
        }
        throw ValueError(QCoreApplication::translate("aproc", "No closing quotation"));
    }

    const QString &m_command;
    QStringList m_words;
    QString m_word;
    qsizetype m_pos = 0;
    bool m_inWord = false;
};

} // namespace

QString shellQuote(const QString &argument)
{
    if (argument.isEmpty())
        return QStringLiteral("''");
    if (std::all_of(argument.begin(), argument.end(), isSafe))
        return argument;
    QString quoted = argument;
    quoted.replace(u'\'', QStringLiteral("'\"'\"'"));
    return u'\'' + quoted + u'\'';
}

QStringList shellSplit(const QString &command)
{
    return Splitter(command).split();
}

} // namespace aproc
