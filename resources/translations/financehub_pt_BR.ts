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
    <name>ApiUsagePanel</name>
    <message>
        <source>Pluggy API usage (this session)</source>
        <translation>Uso da API do Pluggy (nesta sessão)</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Chamadas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhas</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Repetições</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>No Pluggy credentials: the app is offline and calls nothing.</source>
        <translation>Sem credenciais do Pluggy: o app está offline e não faz chamadas.</translation>
    </message>
    <message>
        <source>No calls to Pluggy yet in this session.</source>
        <translation>Nenhuma chamada ao Pluggy nesta sessão ainda.</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) to Pluggy in this session</source>
        <translation>
            <numerusform>%n chamada ao Pluggy nesta sessão</numerusform>
            <numerusform>%n chamadas ao Pluggy nesta sessão</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n falhou</numerusform>
            <numerusform>%n falharam</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n retried</source>
        <translation>
            <numerusform>%n repetida</numerusform>
            <numerusform>%n repetidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key renewal(s)</source>
        <translation>
            <numerusform>%n renovação da chave</numerusform>
            <numerusform>%n renovações da chave</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CardBillsPage</name>
    <message>
        <source>Card bills</source>
        <translation>Faturas do cartão</translation>
    </message>
    <message>
        <source>Card:</source>
        <translation>Cartão:</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>Fatura</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Vencimento</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Minimum payment</source>
        <translation>Pagamento mínimo</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paga</translation>
    </message>
    <message>
        <source>Closing date</source>
        <translation>Fechamento</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>Faturas</translation>
    </message>
    <message>
        <source>Purchases in installments</source>
        <translation>Compras parceladas</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>Valor pago</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Pagamentos</translation>
    </message>
    <message>
        <source>Charges</source>
        <translation>Encargos</translation>
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
        <source>Pending</source>
        <translation>Pendente</translation>
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
        <source>Partially paid</source>
        <translation>Paga parcialmente</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Em aberto</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <source>Nothing to pay</source>
        <translation>Nada a pagar</translation>
    </message>
    <message>
        <source>Current bill</source>
        <translation>Fatura atual</translation>
    </message>
    <message>
        <source>Future installments</source>
        <translation>Parcelas futuras</translation>
    </message>
    <message>
        <source>Without a bill</source>
        <translation>Sem fatura</translation>
    </message>
    <message>
        <source>Full payment</source>
        <translation>Pagamento total</translation>
    </message>
    <message>
        <source>Partial payment</source>
        <translation>Pagamento parcial</translation>
    </message>
    <message>
        <source>Other payment</source>
        <translation>Outro pagamento</translation>
    </message>
    <message>
        <source>account debit</source>
        <translation>débito em conta</translation>
    </message>
    <message>
        <source>boleto</source>
        <translation>boleto</translation>
    </message>
    <message>
        <source>payroll deduction</source>
        <translation>desconto em folha</translation>
    </message>
    <message>
        <source>Revolving credit interest</source>
        <translation>Juros do rotativo</translation>
    </message>
    <message>
        <source>Late payment fee</source>
        <translation>Multa por atraso</translation>
    </message>
    <message>
        <source>Late payment interest</source>
        <translation>Juros de mora</translation>
    </message>
    <message>
        <source>Other charge</source>
        <translation>Outro encargo</translation>
    </message>
    <message>
        <source>No credit card synced yet. Connect a bank on the Connections page.</source>
        <translation>Nenhum cartão de crédito sincronizado ainda. Conecte um banco na página Conexões.</translation>
    </message>
    <message>
        <source>No bill of this card was synced yet. Bills arrive with the next sync.</source>
        <translation>Nenhuma fatura deste cartão foi sincronizada ainda. As faturas chegam na próxima sincronização.</translation>
    </message>
    <message>
        <source>Limit: {v}</source>
        <translation>Limite: {v}</translation>
    </message>
    <message>
        <source>Available: {v}</source>
        <translation>Disponível: {v}</translation>
    </message>
    <message>
        <source>None reported by the bank</source>
        <translation>Nenhum informado pelo banco</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nenhum</translation>
    </message>
    <message>
        <source>Bill due on {day}</source>
        <translation>Fatura com vencimento em {day}</translation>
    </message>
    <message>
        <source>Transactions the bank has not put on a bill yet. This bill closes on {day}.</source>
        <translation>Lançamentos que o banco ainda não colocou em uma fatura. Esta fatura fecha em {day}.</translation>
    </message>
    <message>
        <source>Transactions the bank has not put on a bill yet.</source>
        <translation>Lançamentos que o banco ainda não colocou em uma fatura.</translation>
    </message>
    <message>
        <source>Installments the bank has already announced for after the next closing date.</source>
        <translation>Parcelas que o banco já lançou para depois do próximo fechamento.</translation>
    </message>
    <message>
        <source>Older transactions of this card that the bank did not put on any bill.</source>
        <translation>Lançamentos antigos deste cartão que o banco não colocou em nenhuma fatura.</translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s), adding up to {sum}</source>
        <translation>
            <numerusform>%n lançamento, somando {sum}</numerusform>
            <numerusform>%n lançamentos, somando {sum}</numerusform>
        </translation>
    </message>
    <message>
        <source>No transactions synced for this bill</source>
        <translation>Nenhum lançamento sincronizado para esta fatura</translation>
    </message>
    <message>
        <source>bill total: {total}</source>
        <translation>total da fatura: {total}</translation>
    </message>
    <message>
        <source>The bank&apos;s total differs by {difference}: a previous balance, interest or fees the bank does not list as transactions, or transactions not synced.</source>
        <translation>O total do banco difere em {difference}: saldo anterior, juros ou tarifas que o banco não lista como lançamentos, ou lançamentos não sincronizados.</translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s) in another currency without the amount in the card&apos;s currency are not in the sum.</source>
        <translation>
            <numerusform>%n lançamento em outra moeda, sem o valor na moeda do cartão, não está na soma.</numerusform>
            <numerusform>%n lançamentos em outra moeda, sem o valor na moeda do cartão, não estão na soma.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CategoryDelegate</name>
    <message>
        <source>(automatic: a rule&apos;s or the bank&apos;s)</source>
        <translation>(automática: da regra ou do banco)</translation>
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
    <name>ConnectionsPage</name>
    <message>
        <source>Connections</source>
        <translation>Conexões</translation>
    </message>
    <message>
        <source>Connect a bank…</source>
        <translation>Conectar um banco…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar agora</translation>
    </message>
    <message>
        <source>Reconnect…</source>
        <translation>Reconectar…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <source>What happened?</source>
        <translation>O que aconteceu?</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Banco</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Última sincronização</translation>
    </message>
    <message>
        <source>Consent until</source>
        <translation>Consentimento até</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Atualizada</translation>
    </message>
    <message>
        <source>Updating at the bank</source>
        <translation>Atualizando no banco</translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation>Falha no login</translation>
    </message>
    <message>
        <source>Out of date</source>
        <translation>Desatualizada</translation>
    </message>
    <message>
        <source>Waiting for your code</source>
        <translation>Aguardando seu código</translation>
    </message>
    <message>
        <source>Waiting for you at the bank</source>
        <translation>Aguardando você no banco</translation>
    </message>
    <message>
        <source>Pluggy credentials are not set: enter them in Settings to connect banks. Data already on this computer stays available.</source>
        <translation>As credenciais do Pluggy não foram configuradas: informe-as em Configurações para conectar bancos. Os dados já guardados neste computador continuam disponíveis.</translation>
    </message>
    <message>
        <source>No bank connected yet. Click “Connect a bank…”.</source>
        <translation>Nenhum banco conectado ainda. Clique em “Conectar um banco…”.</translation>
    </message>
    <message>
        <source>(expired)</source>
        <translation>(expirado)</translation>
    </message>
    <message numerus="yes">
        <source>(%n day(s) left)</source>
        <translation>
            <numerusform>(falta %n dia)</numerusform>
            <numerusform>(faltam %n dias)</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>Excluir conexão</translation>
    </message>
    <message>
        <source>Delete {bank} and all its data from this computer? Its access at Pluggy (and any Open Finance consent) ends too.</source>
        <translation>Excluir {bank} e todos os seus dados deste computador? O acesso no Pluggy (e qualquer consentimento Open Finance) também termina.</translation>
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
        <source>Connect a bank on the Connections page (Ctrl+8) to see your net worth</source>
        <translation>Conecte um banco na página Conexões (Ctrl+8) para ver seu patrimônio</translation>
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
    <name>DueDates</name>
    <message>
        <source>Bill {card}</source>
        <translation>Fatura {card}</translation>
    </message>
    <message>
        <source>Current bill {card} (so far)</source>
        <translation>Fatura atual {card} (até agora)</translation>
    </message>
    <message>
        <source>Installment {number} · {loan}</source>
        <translation>Parcela {number} · {loan}</translation>
    </message>
    <message>
        <source>Balloon payment · {loan}</source>
        <translation>Parcela balão · {loan}</translation>
    </message>
    <message>
        <source>Scheduled PIX · {what}</source>
        <translation>PIX agendado · {what}</translation>
    </message>
    <message>
        <source>no description</source>
        <translation>sem descrição</translation>
    </message>
    <message numerus="yes">
        <source>Overdue (%n day(s))</source>
        <translation>
            <numerusform>Vencida (%n dia)</numerusform>
            <numerusform>Vencida (%n dias)</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Vence hoje</translation>
    </message>
    <message numerus="yes">
        <source>In %n day(s)</source>
        <translation>
            <numerusform>Em %n dia</numerusform>
            <numerusform>Em %n dias</numerusform>
        </translation>
    </message>
    <message>
        <source>{what}: {status}</source>
        <translation>{what}: {status}</translation>
    </message>
    <message>
        <source>{what}: {status}, {amount}</source>
        <translation>{what}: {status}, {amount}</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>e mais %n</numerusform>
            <numerusform>e mais %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Due dates: {list}</source>
        <translation>Vencimentos: {list}</translation>
    </message>
</context>
<context>
    <name>DueDatesPanel</name>
    <message>
        <source>Upcoming due dates</source>
        <translation>Próximos vencimentos</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vencimento</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message numerus="yes">
        <source>Nothing due in the next %n day(s)</source>
        <translation>
            <numerusform>Nada vencendo no próximo %n dia</numerusform>
            <numerusform>Nada vencendo nos próximos %n dias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n vencida</numerusform>
            <numerusform>%n vencidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>next %n day(s)</source>
        <translation>
            <numerusform>próximo %n dia</numerusform>
            <numerusform>próximos %n dias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Next %n day(s)</source>
        <translation>
            <numerusform>Próximo %n dia</numerusform>
            <numerusform>Próximos %n dias</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to open it</source>
        <translation>Clique para abrir</translation>
    </message>
    <message>
        <source>Estimated amount.</source>
        <translation>Valor estimado.</translation>
    </message>
    <message>
        <source>The bank does not send this amount.</source>
        <translation>O banco não informa este valor.</translation>
    </message>
</context>
<context>
    <name>DueReminderNotifier</name>
    <message>
        <source>Due dates</source>
        <translation>Vencimentos</translation>
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
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to {app}</source>
        <translation>Bem-vindo ao {app}</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome&lt;/h2&gt;&lt;p&gt;{app} keeps a copy of your bank accounts, encrypted on this computer, and lets you browse it even offline. It connects to banks through Pluggy (Open Finance).&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Bem-vindo&lt;/h2&gt;&lt;p&gt;O {app} guarda uma cópia das suas contas bancárias, criptografada neste computador, e deixa você consultá-la até offline. Ele se conecta aos bancos pelo Pluggy (Open Finance).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Connect my banks (I have Pluggy credentials)</source>
        <translation>Conectar meus bancos (tenho credenciais do Pluggy)</translation>
    </message>
    <message>
        <source>Try the demo (a simulated bank, no account needed)</source>
        <translation>Experimentar a demonstração (um banco simulado, sem conta)</translation>
    </message>
    <message>
        <source>Pluggy credentials come from &lt;a href=&quot;https://dashboard.pluggy.ai&quot;&gt;dashboard.pluggy.ai&lt;/a&gt; (Applications). You can enter them later in Settings.</source>
        <translation>As credenciais do Pluggy ficam em &lt;a href=&quot;https://dashboard.pluggy.ai&quot;&gt;dashboard.pluggy.ai&lt;/a&gt; (Aplicações). Você pode informá-las depois em Configurações.</translation>
    </message>
</context>
<context>
    <name>InstallmentsPanel</name>
    <message>
        <source>Purchase</source>
        <translation>Compra</translation>
    </message>
    <message>
        <source>Purchase date</source>
        <translation>Data da compra</translation>
    </message>
    <message>
        <source>Installments</source>
        <translation>Parcelas</translation>
    </message>
    <message>
        <source>Installment</source>
        <translation>Parcela</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>A pagar</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Última parcela</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Committed to installments in the next 12 months</source>
        <translation>Comprometido com parcelas nos próximos 12 meses</translation>
    </message>
    <message>
        <source>This card</source>
        <translation>Este cartão</translation>
    </message>
    <message>
        <source>All cards</source>
        <translation>Todos os cartões</translation>
    </message>
    <message>
        <source>{posted} of {total}</source>
        <translation>{posted} de {total}</translation>
    </message>
    <message>
        <source>Before the synced history</source>
        <translation>Antes do histórico sincronizado</translation>
    </message>
    <message>
        <source>Projected</source>
        <translation>Prevista</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendente</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Lançada</translation>
    </message>
    <message>
        <source>Announced by the bank</source>
        <translation>Anunciada pelo banco</translation>
    </message>
    <message>
        <source>No credit card synced yet. Connect a bank on the Connections page.</source>
        <translation>Nenhum cartão de crédito sincronizado ainda. Conecte um banco na página Conexões.</translation>
    </message>
    <message>
        <source>No purchase in installments on this card. Installments arrive with the card&apos;s transactions at the next sync.</source>
        <translation>Nenhuma compra parcelada neste cartão. As parcelas chegam com as transações do cartão na próxima sincronização.</translation>
    </message>
    <message numerus="yes">
        <source>%n purchase(s) with installments still to come</source>
        <translation>
            <numerusform>%n compra com parcelas a vencer</numerusform>
            <numerusform>%n compras com parcelas a vencer</numerusform>
        </translation>
    </message>
    <message>
        <source>{amount} left to pay on this card</source>
        <translation>{amount} a pagar neste cartão</translation>
    </message>
    <message>
        <source>Every purchase in installments on this card is paid off or cancelled.</source>
        <translation>Todas as compras parceladas deste cartão estão quitadas ou canceladas.</translation>
    </message>
    <message>
        <source>The bank did not send the purchase total: the installments added up.</source>
        <translation>O banco não enviou o total da compra: as parcelas foram somadas.</translation>
    </message>
    <message>
        <source>Not a transaction synced from the bank: date and amount are inferred from the purchase&apos;s other installments.</source>
        <translation>Não é uma transação sincronizada do banco: data e valor deduzidos das outras parcelas da compra.</translation>
    </message>
    <message>
        <source>Card: {card}</source>
        <translation>Cartão: {card}</translation>
    </message>
    <message>
        <source>Bought on {day}</source>
        <translation>Compra em {day}</translation>
    </message>
    <message>
        <source>The bank did not send the purchase date</source>
        <translation>O banco não enviou a data da compra</translation>
    </message>
    <message>
        <source>{count} installments of {amount}, total {total}</source>
        <translation>{count} parcelas de {amount}, total {total}</translation>
    </message>
    <message>
        <source>(estimated)</source>
        <translation>(estimado)</translation>
    </message>
    <message>
        <source>Refunded: {amount}</source>
        <translation>Estornado: {amount}</translation>
    </message>
    <message>
        <source>Cancelled: no more installments are expected.</source>
        <translation>Cancelada: nenhuma parcela a mais é esperada.</translation>
    </message>
    <message>
        <source>Next installment in {month}; {amount} left to pay</source>
        <translation>Próxima parcela em {month}; {amount} a pagar</translation>
    </message>
    <message>
        <source>Paid off</source>
        <translation>Quitada</translation>
    </message>
    <message numerus="yes">
        <source>%n installment(s)</source>
        <translation>
            <numerusform>%n parcela</numerusform>
            <numerusform>%n parcelas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Investments</name>
    <message>
        <source>IPCA + {rate} a.y.</source>
        <translation>IPCA + {rate} a.a.</translation>
    </message>
    <message>
        <source>{rate} of CDI</source>
        <translation>{rate} do CDI</translation>
    </message>
    <message>
        <source>{rate} of Selic</source>
        <translation>{rate} da Selic</translation>
    </message>
    <message>
        <source>{rate} a.y.</source>
        <translation>{rate} a.a.</translation>
    </message>
    <message>
        <source>Issuer: {name}</source>
        <translation>Emissor: {name}</translation>
    </message>
    <message>
        <source>Balance minus what was invested (and that in percent)</source>
        <translation>Saldo menos o valor aplicado (e isso em porcentagem)</translation>
    </message>
    <message>
        <source>Return over the last 12 months, as the bank reports it</source>
        <translation>Rentabilidade dos últimos 12 meses, como o banco informa</translation>
    </message>
    <message>
        <source>Investment</source>
        <translation>Investimento</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Instituição</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Taxa</translation>
    </message>
    <message>
        <source>Invested</source>
        <translation>Aplicado</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>Rendimento</translation>
    </message>
    <message>
        <source>12 months</source>
        <translation>12 meses</translation>
    </message>
    <message>
        <source>Maturity</source>
        <translation>Vencimento</translation>
    </message>
    <message>
        <source>After fees and taxes</source>
        <translation>Depois de taxas e impostos</translation>
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
        <source>Quantity</source>
        <translation>Quantidade</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Preço unitário</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Net amount</source>
        <translation>Valor líquido</translation>
    </message>
</context>
<context>
    <name>InvestmentsPage</name>
    <message>
        <source>Investments</source>
        <translation>Investimentos</translation>
    </message>
    <message>
        <source>Total invested</source>
        <translation>Total investido</translation>
    </message>
    <message>
        <source>No investments synced yet.

Connect the bank or broker where you invest on the Connections page (CDBs, Tesouro Direto, funds, stocks and FIIs come with its data) and sync it: the holdings, their totals and every purchase and redemption will show here, also offline.</source>
        <translation>Nenhum investimento sincronizado ainda.

Conecte o banco ou a corretora onde você investe na página Conexões (CDBs, Tesouro Direto, fundos, ações e FIIs vêm com os dados dela) e sincronize: as posições, seus totais e cada aplicação e resgate aparecem aqui, também offline.</translation>
    </message>
    <message>
        <source>Invested {invested} · profit {profit}</source>
        <translation>Aplicado {invested} · rendimento {profit}</translation>
    </message>
    <message numerus="yes">
        <source>%n holding(s)</source>
        <translation>
            <numerusform>%n investimento</numerusform>
            <numerusform>%n investimentos</numerusform>
        </translation>
    </message>
    <message>
        <source>{share} of the total</source>
        <translation>{share} do total</translation>
    </message>
    <message>
        <source>return {profit}</source>
        <translation>rentabilidade {profit}</translation>
    </message>
    <message numerus="yes">
        <source>%n holding(s) in another currency are listed but not added to these totals.</source>
        <translation>
            <numerusform>%n investimento em outra moeda aparece na lista, mas não entra nestes totais.</numerusform>
            <numerusform>%n investimentos em outra moeda aparecem na lista, mas não entram nestes totais.</numerusform>
        </translation>
    </message>
    <message>
        <source>No transactions synced for this investment. Some banks do not share them.</source>
        <translation>Nenhuma movimentação sincronizada para este investimento. Alguns bancos não as informam.</translation>
    </message>
    <message>
        <source>issuer {name}</source>
        <translation>emissor {name}</translation>
    </message>
    <message>
        <source>quantity {n}</source>
        <translation>quantidade {n}</translation>
    </message>
    <message>
        <source>unit price {v}</source>
        <translation>preço unitário {v}</translation>
    </message>
    <message>
        <source>last month {v}</source>
        <translation>último mês {v}</translation>
    </message>
    <message>
        <source>12 months {v}</source>
        <translation>12 meses {v}</translation>
    </message>
    <message>
        <source>annual {v}</source>
        <translation>anual {v}</translation>
    </message>
    <message>
        <source>since {d}</source>
        <translation>desde {d}</translation>
    </message>
    <message>
        <source>matures {d}</source>
        <translation>vence em {d}</translation>
    </message>
    <message>
        <source>estimated taxes {v}</source>
        <translation>impostos estimados {v}</translation>
    </message>
    <message>
        <source>net if redeemed {v}</source>
        <translation>líquido se resgatado {v}</translation>
    </message>
    <message>
        <source>position on {d}</source>
        <translation>posição em {d}</translation>
    </message>
</context>
<context>
    <name>LoansPage</name>
    <message>
        <source>Loans</source>
        <translation>Empréstimos</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>Empréstimo</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Banco</translation>
    </message>
    <message>
        <source>Contracted</source>
        <translation>Contratado</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>Saldo devedor</translation>
    </message>
    <message>
        <source>Installments</source>
        <translation>Parcelas</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>Próx. vencimento</translation>
    </message>
    <message>
        <source>Next amount</source>
        <translation>Próx. parcela</translation>
    </message>
    <message>
        <source>CET</source>
        <translation>CET</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nº</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Vencimento</translation>
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
        <source>Paid on</source>
        <translation>Paga em</translation>
    </message>
    <message>
        <source>No loans or financings yet. When a connected bank shares credit operations, they appear here after a sync (Connections page).</source>
        <translation>Nenhum empréstimo ou financiamento por enquanto. Quando um banco conectado compartilha operações de crédito, elas aparecem aqui após a sincronização (página Conexões).</translation>
    </message>
    <message>
        <source>Overdraft</source>
        <translation>Cheque especial</translation>
    </message>
    <message>
        <source>Payroll loan</source>
        <translation>Crédito consignado</translation>
    </message>
    <message>
        <source>Home equity</source>
        <translation>Empréstimo com garantia de imóvel</translation>
    </message>
    <message>
        <source>Home financing</source>
        <translation>Financiamento imobiliário</translation>
    </message>
    <message>
        <source>Vehicle financing</source>
        <translation>Financiamento de veículo</translation>
    </message>
    <message>
        <source>Secured account</source>
        <translation>Conta garantida</translation>
    </message>
    <message>
        <source>Working capital</source>
        <translation>Capital de giro</translation>
    </message>
    <message>
        <source>Financing</source>
        <translation>Financiamento</translation>
    </message>
    <message>
        <source>Receivables discount</source>
        <translation>Desconto de recebíveis</translation>
    </message>
    <message>
        <source>Unarranged overdraft</source>
        <translation>Adiantamento a depositante</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Semanal</translation>
    </message>
    <message>
        <source>Fortnightly</source>
        <translation>Quinzenal</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Mensal</translation>
    </message>
    <message>
        <source>Every two months</source>
        <translation>Bimestral</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>Trimestral</translation>
    </message>
    <message>
        <source>Every six months</source>
        <translation>Semestral</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>Anual</translation>
    </message>
    <message>
        <source>No regular periodicity</source>
        <translation>Sem periodicidade regular</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Outro</translation>
    </message>
    <message>
        <source>Price table (fixed installments)</source>
        <translation>Tabela Price (parcelas fixas)</translation>
    </message>
    <message>
        <source>SAC (decreasing installments)</source>
        <translation>SAC (parcelas decrescentes)</translation>
    </message>
    <message>
        <source>SAM (mixed)</source>
        <translation>SAM (misto)</translation>
    </message>
    <message>
        <source>No amortization system</source>
        <translation>Sem sistema de amortização</translation>
    </message>
    <message>
        <source>a month</source>
        <translation>a.m.</translation>
    </message>
    <message>
        <source>a year</source>
        <translation>a.a.</translation>
    </message>
    <message>
        <source>{paid} of {total} paid</source>
        <translation>{paid} de {total} pagas</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paga</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>A vencer</translation>
    </message>
    <message>
        <source>Past due</source>
        <translation>Em atraso</translation>
    </message>
    <message>
        <source>Outstanding balance: {v}</source>
        <translation>Saldo devedor: {v}</translation>
    </message>
    <message numerus="yes">
        <source>%n installment(s) past due</source>
        <translation>
            <numerusform>%n parcela em atraso</numerusform>
            <numerusform>%n parcelas em atraso</numerusform>
        </translation>
    </message>
    <message>
        <source>Next installment: {day} ({loan})</source>
        <translation>Próxima parcela: {day} ({loan})</translation>
    </message>
    <message>
        <source>(unknown bank)</source>
        <translation>(banco desconhecido)</translation>
    </message>
    <message>
        <source>Contract {number}</source>
        <translation>Contrato {number}</translation>
    </message>
    <message>
        <source>The bank did not report the outstanding balance.</source>
        <translation>O banco não informou o saldo devedor.</translation>
    </message>
    <message>
        <source>Estimated: the bank does not send the amount of unpaid installments.</source>
        <translation>Estimado: o banco não envia o valor das parcelas em aberto.</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Contrato</translation>
    </message>
    <message>
        <source>Contract date</source>
        <translation>Data do contrato</translation>
    </message>
    <message>
        <source>Contracted amount</source>
        <translation>Valor contratado</translation>
    </message>
    <message>
        <source>Outstanding balance</source>
        <translation>Saldo devedor</translation>
    </message>
    <message>
        <source>Interest rate</source>
        <translation>Taxa de juros</translation>
    </message>
    <message>
        <source>CET (total cost)</source>
        <translation>CET (custo efetivo total)</translation>
    </message>
    <message>
        <source>Amortization</source>
        <translation>Amortização</translation>
    </message>
    <message>
        <source>Periodicity</source>
        <translation>Periodicidade</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Parcelas restantes</translation>
    </message>
    <message>
        <source>Paid so far</source>
        <translation>Pago até agora</translation>
    </message>
    <message>
        <source>First installment</source>
        <translation>Primeira parcela</translation>
    </message>
    <message>
        <source>Final due date</source>
        <translation>Vencimento final</translation>
    </message>
    <message>
        <source>Balloon</source>
        <translation>Balão</translation>
    </message>
    <message>
        <source>Extra payment</source>
        <translation>Pagamento extra</translation>
    </message>
    <message>
        <source>The bank sent no installment schedule for this contract.</source>
        <translation>O banco não enviou o cronograma de parcelas deste contrato.</translation>
    </message>
    <message>
        <source>≈ estimated amount: the bank only sends the amounts of paid installments.</source>
        <translation>≈ valor estimado: o banco só envia os valores das parcelas pagas.</translation>
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
        <source>Syncing {bank}: {step}</source>
        <translation>Sincronizando {bank}: {step}</translation>
    </message>
    <message>
        <source>Last sync failed: {what}</source>
        <translation>A última sincronização falhou: {what}</translation>
    </message>
    <message>
        <source>Offline: set your Pluggy credentials in Settings to sync</source>
        <translation>Offline: informe suas credenciais do Pluggy em Configurações para sincronizar</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Last sync: {when}</source>
        <translation>Última sincronização: {when}</translation>
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
    <name>RuleDialog</name>
    <message>
        <source>Create a categorisation rule</source>
        <translation>Criar uma regra de categorização</translation>
    </message>
    <message>
        <source>Edit categorisation rule</source>
        <translation>Editar regra de categorização</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Cartão</translation>
    </message>
    <message>
        <source>Apply to existing transactions now</source>
        <translation>Aplicar às transações existentes agora</translation>
    </message>
    <message>
        <source>Your own category choices always win over rules; rules win over the bank&apos;s category.</source>
        <translation>As categorias que você escolhe sempre vencem as regras; as regras vencem a categoria do banco.</translation>
    </message>
    <message>
        <source>Match on</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Como</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>More conditions</source>
        <translation>Mais condições</translation>
    </message>
    <message>
        <source>Any account</source>
        <translation>Qualquer conta</translation>
    </message>
    <message>
        <source>no minimum</source>
        <translation>sem mínimo</translation>
    </message>
    <message>
        <source>no maximum</source>
        <translation>sem máximo</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>As in the list, money out is negative: spending between R$ 10,00 and R$ 50,00 is -50,00 to -10,00.</source>
        <translation>Como na lista, saídas são negativas: gastos entre R$&#xa0;10,00 e R$&#xa0;50,00 vão de -50,00 a -10,00.</translation>
    </message>
    <message>
        <source>When several rules match a transaction, the one with the lowest number wins (then the oldest rule).</source>
        <translation>Quando várias regras servem para uma transação, vale a de menor número (e, entre iguais, a mais antiga).</translation>
    </message>
    <message>
        <source>Lower numbers are tried first.</source>
        <translation>Números menores são testados primeiro.</translation>
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
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>Type the minimum amount like 1.234,56 or -50,00.</source>
        <translation>Digite o valor mínimo como 1.234,56 ou -50,00.</translation>
    </message>
    <message>
        <source>Type the maximum amount like 1.234,56 or -50,00.</source>
        <translation>Digite o valor máximo como 1.234,56 ou -50,00.</translation>
    </message>
    <message>
        <source>The minimum amount is larger than the maximum.</source>
        <translation>O valor mínimo é maior que o máximo.</translation>
    </message>
    <message>
        <source>Money out is negative: type the range like -50,00 to -10,00.</source>
        <translation>Saídas são negativas: digite a faixa como -50,00 a -10,00.</translation>
    </message>
    <message>
        <source>Money in is positive: type the range like 10,00 to 50,00.</source>
        <translation>Entradas são positivas: digite a faixa como 10,00 a 50,00.</translation>
    </message>
    <message>
        <source>Enter the CPF or CNPJ to match (digits; dots and dashes are ignored).</source>
        <translation>Informe o CPF ou CNPJ (números; pontos e traços são ignorados).</translation>
    </message>
    <message>
        <source>Enter the text to match.</source>
        <translation>Informe o texto a comparar.</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>Escolha uma categoria.</translation>
    </message>
    <message>
        <source>Applying rules…</source>
        <translation>Aplicando regras…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>Estabelecimento</translation>
    </message>
    <message>
        <source>CPF/CNPJ of the other party</source>
        <translation>CPF/CNPJ da outra parte</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Forma de pagamento</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>contém</translation>
    </message>
    <message>
        <source>is exactly</source>
        <translation>é exatamente</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>começa com</translation>
    </message>
    <message>
        <source>ends with</source>
        <translation>termina com</translation>
    </message>
    <message>
        <source>Money in or out</source>
        <translation>Entradas e saídas</translation>
    </message>
    <message>
        <source>Money in (credits)</source>
        <translation>Entradas (créditos)</translation>
    </message>
    <message>
        <source>Money out (debits)</source>
        <translation>Saídas (débitos)</translation>
    </message>
    <message>
        <source>a removed account</source>
        <translation>uma conta removida</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>conta %1</translation>
    </message>
    <message>
        <source>money in</source>
        <translation>entradas</translation>
    </message>
    <message>
        <source>money out</source>
        <translation>saídas</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>de %1 a %2</translation>
    </message>
    <message>
        <source>from %1 up</source>
        <translation>a partir de %1</translation>
    </message>
    <message>
        <source>up to %1</source>
        <translation>até %1</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Categorisation rules</source>
        <translation>Regras de categorização</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ativa</translation>
    </message>
    <message>
        <source>Match on</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regra</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>New rule…</source>
        <translation>Nova regra…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Apply rules now</source>
        <translation>Aplicar regras agora</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>No rules yet. Create one here or from a transaction&apos;s details.</source>
        <translation>Nenhuma regra ainda. Crie uma aqui ou nos detalhes de uma transação.</translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s) re-categorised.</source>
        <translation>
            <numerusform>%n transação recategorizada.</numerusform>
            <numerusform>%n transações recategorizadas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Applying rules…</source>
        <translation>Aplicando regras…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Pluggy credentials</source>
        <translation>Credenciais do Pluggy</translation>
    </message>
    <message>
        <source>Create an application at &lt;a href=&quot;{url}&quot;&gt;Pluggy&apos;s dashboard&lt;/a&gt; and copy its clientId and clientSecret here. The secret is kept in your system keyring, never in a file.</source>
        <translation>Crie uma aplicação no &lt;a href=&quot;{url}&quot;&gt;painel do Pluggy&lt;/a&gt; e copie aqui o clientId e o clientSecret. O segredo fica no cofre de senhas do sistema, nunca em um arquivo.</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>sem alteração</translation>
    </message>
    <message>
        <source>Check and save</source>
        <translation>Verificar e salvar</translation>
    </message>
    <message>
        <source>Demo mode uses the embedded sandbox&apos;s credentials.</source>
        <translation>A demonstração usa as credenciais do sandbox embutido.</translation>
    </message>
    <message>
        <source>Sync and display</source>
        <translation>Sincronização e exibição</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desligado</translation>
    </message>
    <message>
        <source>Bills and installments due within this many days, or overdue, are reminded of once a day.</source>
        <translation>Faturas e parcelas que vencem dentro desse número de dias, ou já vencidas, são lembradas uma vez por dia.</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>Sincronizar a cada</translation>
    </message>
    <message>
        <source>Warn about consents (days ahead)</source>
        <translation>Avisar sobre consentimentos (dias antes)</translation>
    </message>
    <message>
        <source>Remind of due dates (days ahead)</source>
        <translation>Lembrar vencimentos (dias antes)</translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation>Idioma (após reiniciar)</translation>
    </message>
    <message>
        <source>Webhook relay URL</source>
        <translation>URL do relay de webhooks</translation>
    </message>
    <message>
        <source>Relay token</source>
        <translation>Token do relay</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>Saved, but the relay token could not be stored: no keyring.</source>
        <translation>Salvo, mas o token do relay não pôde ser guardado: não há cofre de senhas.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Salvo.</translation>
    </message>
    <message>
        <source>Checking with Pluggy…</source>
        <translation>Verificando com o Pluggy…</translation>
    </message>
    <message>
        <source>Pluggy accepted the credentials.</source>
        <translation>O Pluggy aceitou as credenciais.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The profile “{profile}” is in use by another FinanceHub: the open window, or a `financehub store` command. Use the window that is open, or wait for the command to finish.</source>
        <translation>O perfil “{profile}” está em uso por outro FinanceHub: a janela aberta, ou um comando `financehub store`. Use a janela que está aberta, ou espere o comando terminar.</translation>
    </message>
    <message>
        <source>FinanceHub</source>
        <translation>FinanceHub</translation>
    </message>
</context>
<context>
    <name>SyncSteps</name>
    <message>
        <source>Asking the bank for fresh data</source>
        <translation>Pedindo dados novos ao banco</translation>
    </message>
    <message>
        <source>Waiting for the bank</source>
        <translation>Aguardando o banco</translation>
    </message>
    <message>
        <source>Waiting for your verification code</source>
        <translation>Aguardando seu código de verificação</translation>
    </message>
    <message>
        <source>Reading accounts</source>
        <translation>Lendo as contas</translation>
    </message>
    <message>
        <source>Reading transactions</source>
        <translation>Lendo as transações</translation>
    </message>
    <message>
        <source>Reading card bills</source>
        <translation>Lendo as faturas do cartão</translation>
    </message>
    <message>
        <source>Reading investments</source>
        <translation>Lendo os investimentos</translation>
    </message>
    <message>
        <source>Reading investment transactions</source>
        <translation>Lendo as movimentações dos investimentos</translation>
    </message>
    <message>
        <source>Reading loans</source>
        <translation>Lendo os empréstimos</translation>
    </message>
    <message>
        <source>Reading your registration data</source>
        <translation>Lendo seus dados cadastrais</translation>
    </message>
    <message>
        <source>Reading consents</source>
        <translation>Lendo os consentimentos</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Concluindo</translation>
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
        <source>Transfer</source>
        <translation>Transferência</translation>
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
        <source>Create a rule…</source>
        <translation>Criar uma regra…</translation>
    </message>
    <message>
        <source>Always give transactions like this one a category</source>
        <translation>Sempre dar uma categoria a transações como esta</translation>
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
    <message>
        <source>(rule: {name})</source>
        <translation>(regra: {name})</translation>
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
        <source>Rules…</source>
        <translation>Regras…</translation>
    </message>
    <message>
        <source>Categorisation rules: always put matching transactions in a category</source>
        <translation>Regras de categorização: sempre colocar as transações correspondentes em uma categoria</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Todas as contas</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Todas as categorias</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s)</source>
        <translation>
            <numerusform>%n transação</numerusform>
            <numerusform>%n transações</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransferDetail</name>
    <message>
        <source>a PIX to yourself; the other account is not connected</source>
        <translation>PIX para você mesmo; a outra conta não está conectada</translation>
    </message>
    <message>
        <source>another account</source>
        <translation>outra conta</translation>
    </message>
    <message>
        <source>to {account} on {day}</source>
        <translation>para {account} em {day}</translation>
    </message>
    <message>
        <source>from {account} on {day}</source>
        <translation>de {account} em {day}</translation>
    </message>
    <message>
        <source>Transfer between your accounts: {where}</source>
        <translation>Transferência entre suas contas: {where}</translation>
    </message>
    <message>
        <source>Not counted as spending or income.</source>
        <translation>Não conta como gasto nem como receita.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock your data</source>
        <translation>Desbloquear seus dados</translation>
    </message>
    <message>
        <source>Protect your data</source>
        <translation>Proteger seus dados</translation>
    </message>
    <message>
        <source>There is no system keyring here, so your data is protected by a master passphrase. Choose one: without it the data cannot be recovered.</source>
        <translation>Não há cofre de senhas do sistema aqui, então seus dados são protegidos por uma senha mestra. Escolha uma: sem ela os dados não podem ser recuperados.</translation>
    </message>
    <message>
        <source>Enter your master passphrase to open your data.</source>
        <translation>Digite sua senha mestra para abrir seus dados.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Senha mestra</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Repita</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>Use pelo menos %n caractere.</numerusform>
            <numerusform>Use pelo menos %n caracteres.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>As duas senhas são diferentes.</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Digite a senha.</translation>
    </message>
</context>
</TS>
