-- The liftsys server for Neovim 0.11's vim.lsp.config / vim.lsp.enable:
--
--   vim.lsp.enable('liftsys')
--
-- Neovim reads this file from 'runtimepath' (the plugin's folder); a later
-- vim.lsp.config('liftsys', { ... }) call merges over it. The command is the launcher of the
-- distribution this file ships in (bin/liftsys, which makes the DoWhy environment on its first
-- run) or of the checkout it sits in (./liftsys).
return require('liftsys').lsp_config()
