# Parses each file given on the command line with PowerShell's own parser and walks the syntax
# tree for what Windows PowerShell 5.1 (Windows Server 2022's shell) cannot run. Prints one JSON
# array of findings: { file, line, rule, text }.
param([Parameter(Mandatory, ValueFromRemainingArguments)][string[]]$Path)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
[Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)

function New-Finding($File, $Ast, $Rule) {
    [ordered]@{ file = $File; line = $Ast.Extent.StartLineNumber; rule = $Rule; text = $Ast.Extent.Text.Split("`n")[0].Trim() }
}

function Test-ParameterPrefix($CommandAst, [string[]]$Names) {
    foreach ($element in $CommandAst.CommandElements) {
        if ($element -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
        $given = $element.ParameterName.ToLowerInvariant()
        foreach ($name in $Names) { if ($given.Length -ge 2 -and $name.ToLowerInvariant().StartsWith($given)) { return $name } }
    }
    $null
}

function Get-CommandFindings($File, $Ast) {
    $name = $Ast.GetCommandName()
    if (-not $name) { return }
    $parameterRules = @{
        'foreach-object' = @('Parallel'); 'foreach' = @('Parallel'); '%' = @('Parallel')
        'convertfrom-json' = @('AsHashtable', 'Depth', 'NoEnumerate'); 'convertto-json' = @('AsArray', 'EnumsAsStrings', 'EscapeHandling')
    }
    $key = $name.ToLowerInvariant()
    if ($parameterRules.ContainsKey($key)) {
        $hit = Test-ParameterPrefix $Ast $parameterRules[$key]
        if ($hit) { New-Finding $File $Ast "$name -$hit is PowerShell 7 only" }
    }
    if ($key -eq 'convertto-json' -and -not (Test-ParameterPrefix $Ast @('Depth'))) { New-Finding $File $Ast 'ConvertTo-Json without an explicit -Depth' }
    if ($key -eq 'get-error') { New-Finding $File $Ast 'Get-Error is PowerShell 7 only' }
}

function Get-Findings($File) {
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($File, [ref]$tokens, [ref]$errors)
    foreach ($e in $errors) { [ordered]@{ file = $File; line = $e.Extent.StartLineNumber; rule = "parse error: $($e.Message)"; text = $e.Extent.Text } }
    $bytes = [System.IO.File]::ReadAllBytes($File)
    if (@($bytes | Where-Object { $_ -gt 127 }).Count -gt 0) { [ordered]@{ file = $File; line = 0; rule = 'non-ASCII text (Windows PowerShell 5.1 reads BOM-less files as ANSI)'; text = '' } }
    $all = $ast.FindAll({ $true }, $true)
    foreach ($node in $all) {
        switch ($node.GetType().Name) {
            'BinaryExpressionAst' { if ($node.Operator.ToString() -eq 'QuestionQuestion') { New-Finding $File $node '?? is PowerShell 7 only' } }
            'AssignmentStatementAst' { if ($node.Operator.ToString() -eq 'QuestionQuestionEquals') { New-Finding $File $node '??= is PowerShell 7 only' } }
            'TernaryExpressionAst' { New-Finding $File $node 'the ternary operator is PowerShell 7 only' }
            'PipelineChainAst' { New-Finding $File $node '&& / || pipeline chains are PowerShell 7 only' }
            'MemberExpressionAst' { if ($node.NullConditional) { New-Finding $File $node '?. is PowerShell 7 only' } }
            'InvokeMemberExpressionAst' { if ($node.NullConditional) { New-Finding $File $node '?. is PowerShell 7 only' } }
            'IndexExpressionAst' { if ($node.NullConditional) { New-Finding $File $node '?[] is PowerShell 7 only' } }
            'VariableExpressionAst' { if ($node.VariablePath.UserPath -eq 'PSStyle') { New-Finding $File $node '$PSStyle is PowerShell 7 only' } }
            'ScriptBlockAst' { if ($node.CleanBlock) { New-Finding $File $node.CleanBlock 'clean blocks are PowerShell 7 only' } }
            'CommandAst' { Get-CommandFindings $File $node }
        }
    }
}

$findings = @(foreach ($file in $Path) { Get-Findings (Resolve-Path -LiteralPath $file).ProviderPath })
[Console]::Out.WriteLine((ConvertTo-Json -InputObject $findings -Depth 4 -Compress))
