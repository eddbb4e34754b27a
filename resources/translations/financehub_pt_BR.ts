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
    <name>AccountsPage</name>
    <message>
        <source>Accounts</source>
        <translation>Contas</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Conta</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limite</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponível</translation>
    </message>
    <message>
        <source>No accounts yet. Connect a bank on the Connections page.</source>
        <translation>Nenhuma conta ainda. Conecte um banco na página Conexões.</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Conta corrente</translation>
    </message>
    <message>
        <source>Savings</source>
        <translation>Poupança</translation>
    </message>
    <message>
        <source>Credit card</source>
        <translation>Cartão de crédito</translation>
    </message>
    <message>
        <source>Assets: {v}</source>
        <translation>Bens: {v}</translation>
    </message>
    <message>
        <source>Card debt: {v}</source>
        <translation>Dívida de cartão: {v}</translation>
    </message>
    <message>
        <source>Net worth: {v}</source>
        <translation>Patrimônio líquido: {v}</translation>
    </message>
    <message>
        <source>(unknown bank)</source>
        <translation>(banco desconhecido)</translation>
    </message>
</context>
<context>
    <name>CategoryDelegate</name>
    <message>
        <source>(bank&apos;s category)</source>
        <translation>(categoria do banco)</translation>
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
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>Painel</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>Mês:</translation>
    </message>
    <message>
        <source>Net worth</source>
        <translation>Patrimônio líquido</translation>
    </message>
    <message>
        <source>Sync a bank to see your net worth</source>
        <translation>Sincronize um banco para ver seu patrimônio</translation>
    </message>
    <message>
        <source>Income and spending</source>
        <translation>Entradas e saídas</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>Entradas</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>Saídas</translation>
    </message>
    <message>
        <source>No transactions yet</source>
        <translation>Nenhuma transação ainda</translation>
    </message>
    <message>
        <source>Uncategorised</source>
        <translation>Sem categoria</translation>
    </message>
    <message>
        <source>Spending by category — {month}</source>
        <translation>Gastos por categoria — {month}</translation>
    </message>
    <message>
        <source>No spending in this month</source>
        <translation>Nenhum gasto neste mês</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>Outras</translation>
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
<context>
    <name>TransactionDetailPanel</name>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>As the bank wrote it</source>
        <translation>Como o banco escreveu</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Conta</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Bank&apos;s category</source>
        <translation>Categoria do banco</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Forma de pagamento</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Pagador</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Recebedor</translation>
    </message>
    <message>
        <source>PIX key</source>
        <translation>Chave PIX</translation>
    </message>
    <message>
        <source>Installment</source>
        <translation>Parcela</translation>
    </message>
    <message>
        <source>Card bill</source>
        <translation>Fatura do cartão</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>Estabelecimento</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Adicionar uma nota</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Leave out of reports</source>
        <translation>Deixar fora dos relatórios</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>Débito</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Crédito</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendente</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Lançada</translation>
    </message>
</context>
<context>
    <name>TransactionsPage</name>
    <message>
        <source>Transactions</source>
        <translation>Transações</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendente</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Conta</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Installment</source>
        <translation>Parcela</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Search description, merchant or note (Ctrl+F)</source>
        <translation>Buscar descrição, estabelecimento ou nota (Ctrl+F)</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Qualquer situação</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Lançada</translation>
    </message>
    <message>
        <source>min R$</source>
        <translation>mín. R$</translation>
    </message>
    <message>
        <source>max R$</source>
        <translation>máx. R$</translation>
    </message>
    <message>
        <source>Show removed</source>
        <translation>Mostrar removidas</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Todas as contas</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Todas as categorias</translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s)</source>
        <translation>
            <numerusform>%n transação</numerusform>
            <numerusform>%n transações</numerusform>
        </translation>
    </message>
</context>
</TS>
