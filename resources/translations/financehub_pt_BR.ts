<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About {app}</source>
        <translation>Sobre o {app}</translation>
    </message>
    <message>
        <source>Your Brazilian bank accounts through Pluggy (Open Finance), kept encrypted on this computer and browsable offline.</source>
        <translation>Suas contas bancárias via Pluggy (Open Finance), guardadas com criptografia neste computador e disponíveis offline.</translation>
    </message>
    <message>
        <source>Profile: {name}</source>
        <translation>Perfil: {name}</translation>
    </message>
    <message>
        <source>Data: {path}</source>
        <translation>Dados: {path}</translation>
    </message>
    <message>
        <source>Settings: {path}</source>
        <translation>Configurações: {path}</translation>
    </message>
    <message>
        <source>Logs: {path}</source>
        <translation>Logs: {path}</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect a bank</source>
        <translation>Conectar um banco</translation>
    </message>
    <message>
        <source>Loading Pluggy Connect…</source>
        <translation>Carregando o Pluggy Connect…</translation>
    </message>
    <message>
        <source>Pluggy Connect could not be loaded. Check your connection and try again.</source>
        <translation>Não foi possível carregar o Pluggy Connect. Verifique sua conexão e tente de novo.</translation>
    </message>
    <message>
        <source>Connected. Syncing your data…</source>
        <translation>Conectado. Sincronizando seus dados…</translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation>A conexão falhou.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>FinanceHub hit a bug</source>
        <translation>O FinanceHub encontrou um erro</translation>
    </message>
    <message>
        <source>Something went wrong that should not have. Your stored data is safe.</source>
        <translation>Aconteceu algo que não deveria. Seus dados armazenados estão seguros.</translation>
    </message>
    <message>
        <source>The details were written to the log:
{path}
Please include them when you report this.</source>
        <translation>Os detalhes foram gravados no log:
{path}
Inclua-os ao relatar o problema.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>More: {doc}</source>
        <translation>Mais: {doc}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Demo</source>
        <translation>Demonstração</translation>
    </message>
    <message>
        <source>No bank connected yet</source>
        <translation>Nenhum banco conectado ainda</translation>
    </message>
    <message>
        <source>Profile: {name}</source>
        <translation>Perfil: {name}</translation>
    </message>
    <message>
        <source>demo</source>
        <translation>demonstração</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>Abrir a pasta de &amp;logs</translation>
    </message>
    <message>
        <source>&amp;About {app}</source>
        <translation>&amp;Sobre o {app}</translation>
    </message>
</context>
<context>
    <name>MfaDialog</name>
    <message>
        <source>Verification code</source>
        <translation>Código de verificação</translation>
    </message>
    <message>
        <source>{bank} asks for a verification code to continue.</source>
        <translation>{bank} pede um código de verificação para continuar.</translation>
    </message>
    <message>
        <source>Your bank</source>
        <translation>Seu banco</translation>
    </message>
    <message>
        <source>Check the value: {what}</source>
        <translation>Confira o valor: {what}</translation>
    </message>
    <message>
        <source>The code request expired. Sync again to get a new one.</source>
        <translation>O pedido de código expirou. Sincronize de novo para receber outro.</translation>
    </message>
    <message>
        <source>Expires in {m}:{s:02d}</source>
        <translation>Expira em {m}:{s:02d}</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>It arrives with the first slice of the app: sync, accounts, transactions and dashboard.</source>
        <translation>Chega com a primeira versão do app: sincronização, contas, transações e painel.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Painel</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Contas</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>Transações</translation>
    </message>
    <message>
        <source>Investments</source>
        <translation>Investimentos</translation>
    </message>
    <message>
        <source>It arrives with investments and their transactions.</source>
        <translation>Chega com os investimentos e suas movimentações.</translation>
    </message>
    <message>
        <source>Card bills</source>
        <translation>Faturas do cartão</translation>
    </message>
    <message>
        <source>It arrives with the card view centred on bills.</source>
        <translation>Chega com a visão do cartão organizada por faturas.</translation>
    </message>
    <message>
        <source>Loans</source>
        <translation>Empréstimos</translation>
    </message>
    <message>
        <source>It arrives with loans and their installments.</source>
        <translation>Chega com os empréstimos e suas parcelas.</translation>
    </message>
    <message>
        <source>PIX</source>
        <translation>PIX</translation>
    </message>
    <message>
        <source>It arrives with PIX payment requests.</source>
        <translation>Chega com as solicitações de pagamento PIX.</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Conexões</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>This page is not available in this version yet.</source>
        <translation>Esta página ainda não está disponível nesta versão.</translation>
    </message>
</context>
</TS>
