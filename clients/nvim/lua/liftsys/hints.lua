-- The server's inlay hints ("Δ+4.00" after each affected declaration): on 0.10 and later drawn by
-- Neovim (vim.lsp.inlay_hint), with a fix for hints that were not drawn after a refresh; before
-- 0.10 asked for and drawn here as end-of-line text in their own namespace.
local M = {}

local api = vim.api

M.ns = api.nvim_create_namespace('liftsys_hints')

local function impact()
  return require('liftsys.impact')
end

--- Inlay hints on or off for a buffer (0.10 and later draw them; before, the plugin does).
function M.enable(bufnr, on)
  if vim.fn.has('nvim-0.10') == 1 then
    pcall(vim.lsp.inlay_hint.enable, on, { bufnr = bufnr })
  elseif not on then
    api.nvim_buf_clear_namespace(bufnr, M.ns, 0, -1)
  end
end

--- workspace/inlayHint/refresh on 0.10 and later. Neovim's own handler keeps the hints it drew
--- and marks every line to be drawn again; a redraw that comes before the new hints arrive draws
--- the old ones and marks the lines done for this document version, so the new hints (same
--- version: nothing was edited) were never drawn until hints were toggled. Enabling the buffer's
--- hints again starts from a fresh state and asks for them, which draws them when they arrive.
function M.refreshed(client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  if not client then
    return
  end
  for bufnr in pairs(client.attached_buffers or {}) do
    if api.nvim_buf_is_loaded(bufnr) and not impact().state.cleared[bufnr]
        and vim.lsp.inlay_hint.is_enabled({ bufnr = bufnr }) then
      vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
    end
  end
  impact().state.hints_refreshes = (impact().state.hints_refreshes or 0) + 1
end

-- Inlay hints before Neovim 0.10: end-of-line virtual text in their own namespace.
local function draw_hints(bufnr, hints)
  api.nvim_buf_clear_namespace(bufnr, M.ns, 0, -1)
  local by_line = {}
  for _, hint in ipairs(hints or {}) do
    local label = hint.label
    if type(label) == 'table' then
      local parts = {}
      for _, part in ipairs(label) do
        parts[#parts + 1] = part.value
      end
      label = table.concat(parts)
    end
    local line = hint.position.line
    by_line[line] = by_line[line] and (by_line[line] .. ' ' .. label) or label
  end
  for line, text in pairs(by_line) do
    if line < api.nvim_buf_line_count(bufnr) then
      api.nvim_buf_set_extmark(bufnr, M.ns, line, 0,
        { virt_text = { { text, 'LiftsysInlayHint' } }, virt_text_pos = 'eol' })
    end
  end
end

--- Asks for the inlay hints of a buffer (nil: every buffer of the client) and draws them.
function M.refresh(bufnr, client_id)
  local buffers = {}
  if bufnr then
    buffers = { bufnr }
  elseif client_id then
    buffers = vim.lsp.get_buffers_by_client_id(client_id)
  end
  for _, buf in ipairs(buffers) do
    local client = client_id and vim.lsp.get_client_by_id(client_id) or require('liftsys').get_client(buf)
    if client and api.nvim_buf_is_loaded(buf) then
      local last = api.nvim_buf_line_count(buf)
      local params = {
        textDocument = { uri = vim.uri_from_bufnr(buf) },
        range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
      }
      require('liftsys').request(client, 'textDocument/inlayHint', params, function(err, result)
        if not err and api.nvim_buf_is_valid(buf) then
          draw_hints(buf, result)
        end
      end, buf)
    end
  end
end

return M
